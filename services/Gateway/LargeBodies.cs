using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

/// <summary>
/// Large request bodies go to a service with "Expect: 100-continue", so that one the service refuses
/// unread reaches the user as the service's answer instead of a 502.
///
/// Why: a service refuses some bodies before reading them: a photo over its limit (PhotosApi checks
/// Content-Length), anything over the Host's 1 MB limit (Kestrel). It answers 413 and closes the
/// connection with the body still arriving; the gateway, still sending, then fails with a broken pipe,
/// the answer already received is lost with the connection, and YARP tells the user 502 Bad Gateway
/// (tests/Governance.IntegrationTests/EndToEnd/GatewayEndToEndTests.cs: most of the time for a photo).
/// With the expectation the gateway sends only the headers first: Kestrel answers "100 Continue" once
/// the service starts reading, or the service's 413 arrives and no body was ever sent. A body the
/// service would refuse is then never on the wire between gateway and service.
///
/// Small bodies (every filing, status change, form) skip it: the round trip it costs buys nothing
/// for a body no service refuses by size. Should a service not answer within HttpClient's
/// Expect100ContinueTimeout (1 s) the body goes anyway, as it did before.
/// </summary>
internal static class LargeBodies
{
    /// <summary>Below every service's body limit with room to spare (the smallest is the Host's 1 MB).</summary>
    public const long ExpectContinueAbove = 64 * 1024;

    public static void ExpectContinueForLargeBodies(this TransformBuilderContext transforms) =>
        transforms.AddRequestTransform(context =>
        {
            var request = context.HttpContext.Request;
            var hasBody = context.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
            // No Content-Length with a body: chunked, of unknown size, so possibly large.
            if (hasBody && (request.ContentLength is null || request.ContentLength > ExpectContinueAbove))
                context.ProxyRequest.Headers.ExpectContinue = true;
            return ValueTask.CompletedTask;
        });
}
