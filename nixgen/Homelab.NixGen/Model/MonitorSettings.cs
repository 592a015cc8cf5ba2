namespace Homelab.NixGen.Model;

/// <summary>
/// homelab-monitor.timer (docs/design/health.md): how often the checks run (an OnCalendar
/// expression) and whether a WARNING fails the monitor (and so alerts) or only a CRITICAL does.
/// </summary>
internal sealed record MonitorSettings(string Interval, string FailOn);
