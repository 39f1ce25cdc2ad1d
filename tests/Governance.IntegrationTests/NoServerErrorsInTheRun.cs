using Governance.IntegrationTests.Support;
using NUnit.Framework.Interfaces;

// Around every test of the assembly (the browser tests link this file too).
[assembly: NoServerErrorsInTheRun]

/// <summary>
/// A test fails when an in-process Host answered a server error while it ran (ServerErrors): "zero 5xx
/// in the whole run" of the security suite, checked test by test so that the run fails and names the test.
/// Errors answered between tests (a fixture's set-up) fail the next test to finish.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class NoServerErrorsInTheRunAttribute : Attribute, ITestAction
{
    public ActionTargets Targets => ActionTargets.Test;

    public void BeforeTest(ITest test) { }

    public void AfterTest(ITest test)
    {
        var errors = new List<string>();
        while (errors.Count < 50 && ServerErrors.Seen.TryDequeue(out var error)) errors.Add(error);
        if (errors.Count > 0) Assert.Fail($"server error(s) answered while {test.Name} ran: {string.Join("; ", errors)}");
    }
}
