namespace Homelab.Provider.Framework.Hosting;

/// <summary>hclog levels, in the order TF_LOG understands them.</summary>
public enum PluginLogLevel
{
    /// <summary>The most detailed level: step-by-step tracing, e.g. startup timings.</summary>
    Trace,
    /// <summary>Diagnostic detail, e.g. which lifecycle call runs for which resource type.</summary>
    Debug,
    /// <summary>Notable events in normal operation.</summary>
    Info,
    /// <summary>Something unexpected that did not fail the call; the default minimum level.</summary>
    Warn,
    /// <summary>A failure, e.g. an unexpected exception escaping provider code (logged with its stack).</summary>
    Error,
    /// <summary>As <see cref="PluginLog.MinimumLevel"/>: write nothing. Not a level to write at.</summary>
    Off,
}
