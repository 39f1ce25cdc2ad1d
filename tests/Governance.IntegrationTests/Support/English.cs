namespace Governance.IntegrationTests.Support;

/// <summary>The test clients ask for English (Accept-Language: en), the words the tests assert; a caller that asks
/// for nothing is answered in Chinese (Languages.cs, ProblemLanguageTests).</summary>
public static class English
{
    public static HttpClient InEnglish(this HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }
}
