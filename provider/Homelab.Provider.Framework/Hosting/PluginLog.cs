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

    /// <summary>
    /// Lines below this level are dropped before they are formatted. Starts at
    /// <see cref="LevelFromEnvironment"/>; <see cref="PluginLogLevel.Off"/> drops everything.
    /// </summary>
    public static PluginLogLevel MinimumLevel { get; set; } = LevelFromEnvironment();

    /// <summary>The <c>@module</c> of every line: <see cref="PluginHostOptions.LogModule"/> once the host runs.</summary>
    public static string Module { get; internal set; } = "plugin";

    /// <summary>Whether a line at <paramref name="level"/> would be written; check it before building costly fields.</summary>
    /// <param name="level">The level of the line.</param>
    /// <returns>True when <paramref name="level"/> is at or above <see cref="MinimumLevel"/> and that is not <see cref="PluginLogLevel.Off"/>.</returns>
    public static bool IsEnabled(PluginLogLevel level) => level >= MinimumLevel && MinimumLevel != PluginLogLevel.Off;

    /// <summary>Writes <paramref name="message"/> at <see cref="PluginLogLevel.Trace"/>; see <see cref="Write"/>.</summary>
    /// <param name="message">The <c>@message</c> of the line.</param>
    /// <param name="fields">Extra key/value pairs, written as JSON strings.</param>
    public static void Trace(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Trace, message, fields);

    /// <summary>Writes <paramref name="message"/> at <see cref="PluginLogLevel.Debug"/>; see <see cref="Write"/>.</summary>
    /// <param name="message">The <c>@message</c> of the line.</param>
    /// <param name="fields">Extra key/value pairs, written as JSON strings.</param>
    public static void Debug(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Debug, message, fields);

    /// <summary>Writes <paramref name="message"/> at <see cref="PluginLogLevel.Info"/>; see <see cref="Write"/>.</summary>
    /// <param name="message">The <c>@message</c> of the line.</param>
    /// <param name="fields">Extra key/value pairs, written as JSON strings.</param>
    public static void Info(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Info, message, fields);

    /// <summary>Writes <paramref name="message"/> at <see cref="PluginLogLevel.Warn"/>; see <see cref="Write"/>.</summary>
    /// <param name="message">The <c>@message</c> of the line.</param>
    /// <param name="fields">Extra key/value pairs, written as JSON strings.</param>
    public static void Warn(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Warn, message, fields);

    /// <summary>Writes <paramref name="message"/> at <see cref="PluginLogLevel.Error"/>; see <see cref="Write"/>.</summary>
    /// <param name="message">The <c>@message</c> of the line.</param>
    /// <param name="fields">Extra key/value pairs, written as JSON strings.</param>
    public static void Error(string message, params ReadOnlySpan<(string Key, object? Value)> fields) => Write(PluginLogLevel.Error, message, fields);

    /// <summary>
    /// Writes one hclog JSON line to stderr, unless <see cref="IsEnabled"/> is false for
    /// <paramref name="level"/>: <c>@level</c> (<see cref="LevelName"/>), <c>@message</c>,
    /// <c>@module</c> (<see cref="Module"/>), <c>@timestamp</c> (local time with offset), then each
    /// field. Lines from concurrent calls never interleave; each is flushed at once.
    /// </summary>
    /// <param name="level">The line's level.</param>
    /// <param name="message">The <c>@message</c> of the line.</param>
    /// <param name="fields">Extra key/value pairs; each value is written as its <see cref="object.ToString"/>, null as an empty string.</param>
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

    /// <summary>The hclog name of <paramref name="level"/>, as written in <c>@level</c>.</summary>
    /// <param name="level">The level to name.</param>
    /// <returns><c>trace</c>, <c>debug</c>, <c>info</c>, <c>warn</c>, or <c>error</c> for any other value.</returns>
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

    /// <summary>Parses a TF_LOG-style level name, ignoring case and surrounding white space.</summary>
    /// <param name="text">TRACE, DEBUG, INFO, WARN, ERROR or OFF; JSON (TF_LOG's JSON trace mode) counts as TRACE.</param>
    /// <returns>The level; <see cref="PluginLogLevel.Warn"/> for null, empty or unrecognised text.</returns>
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
