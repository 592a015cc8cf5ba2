using System.Text.Json;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>
/// Writes hclog-style JSON lines (<c>@level</c>, <c>@message</c>, <c>@timestamp</c>, <c>@module</c>)
/// to stderr. The client parses them and re-logs at the same level, so TF_LOG applies; we also
/// drop lines below TF_LOG_PROVIDER / TF_LOG ourselves so quiet runs pay nothing for logging.
/// Stdout is reserved for the handshake line.
/// </summary>
public static class PluginLog
{
    private static readonly Lock WriteLock = new();
    private static Stream? _stderr;

    public static PluginLogLevel MinimumLevel { get; set; } = LevelFromEnvironment();

    /// <summary>The <c>@module</c> of every line: <see cref="PluginHostOptions.LogModule"/> once the host runs.</summary>
    public static string Module { get; internal set; } = "plugin";

    public static bool IsEnabled(PluginLogLevel level) => level >= MinimumLevel && MinimumLevel != PluginLogLevel.Off;

    public static void Trace(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Trace, message, fields);

    public static void Debug(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Debug, message, fields);

    public static void Info(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Info, message, fields);

    public static void Warn(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Warn, message, fields);

    public static void Error(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Error, message, fields);

    public static void Write(PluginLogLevel level, string message, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        if (!IsEnabled(level))
        {
            return;
        }
        var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@level", LevelName(level));
            json.WriteString("@message", message);
            json.WriteString("@module", Module);
            json.WriteString("@timestamp", DateTimeOffset.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in fields)
            {
                json.WriteString(key, value?.ToString() ?? "");
            }
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        lock (WriteLock)
        {
            _stderr ??= Console.OpenStandardError();
            _stderr.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _stderr.Flush();
        }
    }

    public static string LevelName(PluginLogLevel level) => level switch
    {
        PluginLogLevel.Trace => "trace",
        PluginLogLevel.Debug => "debug",
        PluginLogLevel.Info => "info",
        PluginLogLevel.Warn => "warn",
        _ => "error",
    };

    /// <summary>TF_LOG_PROVIDER wins over TF_LOG; unset means warnings and errors only.</summary>
    public static PluginLogLevel LevelFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("TF_LOG_PROVIDER");
        if (string.IsNullOrEmpty(text))
        {
            text = Environment.GetEnvironmentVariable("TF_LOG");
        }
        return ParseLevel(text);
    }

    public static PluginLogLevel ParseLevel(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "TRACE" or "JSON" => PluginLogLevel.Trace,
        "DEBUG" => PluginLogLevel.Debug,
        "INFO" => PluginLogLevel.Info,
        "WARN" => PluginLogLevel.Warn,
        "ERROR" => PluginLogLevel.Error,
        "OFF" => PluginLogLevel.Off,
        _ => PluginLogLevel.Warn,
    };

}
