using Microsoft.Extensions.Logging;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>Routes ASP.NET Core and gRPC logs into <see cref="PluginLog"/> so nothing reaches stdout.</summary>
internal sealed class PluginLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new PluginLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class PluginLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => PluginLog.IsEnabled(Map(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = Map(logLevel);
            if (!PluginLog.IsEnabled(level))
            {
                return;
            }
            PluginLog.Write(level, formatter(state, exception), [("category", category), ("error", exception?.Message)]);
        }

        private static PluginLogLevel Map(LogLevel level) => level switch
        {
            LogLevel.Trace => PluginLogLevel.Trace,
            LogLevel.Debug => PluginLogLevel.Debug,
            LogLevel.Information => PluginLogLevel.Info,
            LogLevel.Warning => PluginLogLevel.Warn,
            LogLevel.None => PluginLogLevel.Off,
            _ => PluginLogLevel.Error,
        };
    }
}
