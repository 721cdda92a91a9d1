namespace EthicsBot.Teams.Connector;

/// <summary>
/// What one send is, for the logs (the operation and the activity type, never the conversation: a person's chat),
/// and how many attempts it took; it travels with the request through the resilience handler.
/// </summary>
internal sealed class ConnectorSend(string what)
{
    private static readonly HttpRequestOptionsKey<ConnectorSend> Key = new(nameof(ConnectorSend));

    public string What { get; } = what;

    public int Attempts { get; private set; } = 1;

    public void Retried() => Attempts++;

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    public static ConnectorSend? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var send) ? send : null;
}
