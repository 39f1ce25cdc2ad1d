namespace Governance.Infrastructure.Data;

/// <summary>The answers a transaction read once for all its changes (<see cref="Messaging.UnitOfWork.ReadOnceAsync{T}"/>).
/// A group's changes run one after another on its one connection, so no lock is needed; a group run again after a
/// change failed starts with none (a new <see cref="AtCommit"/>).</summary>
public sealed class ReadsOnce
{
    private readonly Dictionary<string, object?> _answers = new(StringComparer.Ordinal);

    public async Task<T> OnceAsync<T>(string key, Func<Task<T>> read)
    {
        if (_answers.TryGetValue(key, out var known)) return (T)known!;
        var answer = await read();
        _answers[key] = answer;
        return answer;
    }
}
