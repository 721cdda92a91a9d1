namespace EthicsBot.Hosting;

/// <summary>Configuration section <c>Telemetry</c>. Azure Monitor is chosen by <see cref="TelemetryServices.ConnectionStringKey"/>, not here.</summary>
public sealed class TelemetrySettings
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Writes spans, metrics and logs to the console too (<c>Telemetry__Console=true</c>), for development. Off by
    /// default, so the tests and the load script pay nothing for telemetry.
    /// </summary>
    public bool Console { get; set; }
}
