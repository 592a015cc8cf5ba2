namespace Homelab.Provider.Framework.Hosting;

/// <summary>hclog levels, in the order TF_LOG understands them.</summary>
public enum PluginLogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Off,
}
