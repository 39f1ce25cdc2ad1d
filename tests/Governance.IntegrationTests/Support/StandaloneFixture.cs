namespace Governance.IntegrationTests.Support;

/// <summary>
/// A fixture whose tests share one standalone Host (<see cref="StandaloneEnvironment"/>): started before its first
/// test with the fixture's settings and clock, removed with its data after its last. NUnit runs this class's
/// [OneTimeSetUp] before the fixture's own and its [OneTimeTearDown] after the fixture's, so a fixture that files its
/// cases up front finds the Host ready, and what it opens against the Host it closes while the Host still runs.
/// </summary>
public abstract class StandaloneFixture
{
    private StandaloneEnvironment? _environment;

    protected StandaloneEnvironment Environment =>
        _environment ?? throw new InvalidOperationException("The standalone Host starts in the fixture's one-time set-up.");

    protected InProcessHost Host => Environment.Host;

    /// <summary>The Host's client, signed in as the test officer (<see cref="TestTokens"/>), its problems in English.</summary>
    protected HttpClient Http => Host.Http;

    /// <summary>Settings on top of standalone's own (an option the fixture's tests turn on or make fast); none unless overridden.</summary>
    protected virtual IDictionary<string, string>? ExtraSettings => null;

    /// <summary>The Host's clock: the machine's unless the fixture moves time itself (a FakeTimeProvider).</summary>
    protected virtual TimeProvider? Time => null;

    /// <summary>The case as Incidents shows it once <paramref name="done"/> holds (messages take a moment to travel); 30 s at the most.</summary>
    protected Task<IncidentJson> WaitForCaseAsync(Guid id, Func<IncidentJson, bool> done, string what) =>
        Eventually.GetAsync(() => Host.IncidentAsync(id), done, TimeSpan.FromSeconds(30), what);

    [OneTimeSetUp]
    public async Task StartStandaloneAsync() => _environment = await StandaloneEnvironment.StartAsync(Time, ExtraSettings);

    [OneTimeTearDown]
    public async Task StopStandaloneAsync()
    {
        if (_environment is not null) await _environment.DisposeAsync();
    }
}
