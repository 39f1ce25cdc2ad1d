using Governance.IntegrationTests.Support;

/// <summary>After the last test of the assembly (a set-up fixture outside every namespace is around them all): the
/// virtual hosts still there go. Not at process exit: the test runner ends its test process without running the
/// exit handlers.</summary>
[SetUpFixture]
public sealed class TestVirtualHostsCleanup
{
    [OneTimeTearDown]
    public void DeleteTheLast() => TestVirtualHosts.DeleteAll();
}
