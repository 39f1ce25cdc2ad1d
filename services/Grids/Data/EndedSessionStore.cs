namespace Governance.Grids.Data;

/// <summary>The SQL of ended_sessions: sessions their holders signed out of, until their cookies expire.</summary>
public static class EndedSessionStore
{
    /// <summary>Records the session as ended (once: signing out twice changes nothing) and forgets the sessions
    /// that have expired by now, which no cookie can bring back.</summary>
    public static async Task EndAsync(UnitOfWork uow, string sessionId, string staffId, DateTimeOffset expiresAt)
    {
        var now = uow.Now.ToUnixTimeMilliseconds();
        await uow.ExecuteAsync("DELETE FROM ended_sessions WHERE expires_at_ms < @now", new { now });
        await uow.ExecuteAsync(Sql.InsertIfAbsent(uow.Provider, "ended_sessions", "session_id, staff_id, ended_at_ms, expires_at_ms",
            "@sessionId, @staffId, @now, @expires", "session_id", "session_id = @sessionId"),
            new { sessionId, staffId, now, expires = expiresAt.ToUnixTimeMilliseconds() });
    }

    public static async Task<bool> EndedAsync(DbSession session, string sessionId) =>
        await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ended_sessions WHERE session_id = @sessionId", new { sessionId }) > 0;
}
