using Governance.Infrastructure.Webhooks;

namespace Governance.Dispatch.Notices;

/// <summary>"Dispatch:Notices" in configuration: how notices are sent and retried.</summary>
public sealed class NoticeOptions : WebhookOptions;
