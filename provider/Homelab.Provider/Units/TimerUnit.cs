using System.Text;

namespace Homelab.Provider.Units;

/// <summary>
/// The one renderer of the provider's timer units (systemd.timer(5)): a calendar schedule with a
/// randomised delay, optionally persistent (a run missed while the host was off happens at boot),
/// installed into <c>timers.target</c>. Every free-text value goes through <see cref="UnitValue"/>.
/// </summary>
internal static class TimerUnit
{
    /// <param name="header">A comment line (without <c>#</c>) naming the owner, or null for none.</param>
    public static string Render(string? header, string description, string schedule, string randomizedDelay, bool persistent)
    {
        var sb = new StringBuilder();
        if (header is not null)
        {
            sb.Append("# ").Append(header).Append('\n');
        }
        sb.Append("[Unit]\n");
        sb.Append(UnitValue.Line("Description", description));
        sb.Append('\n');
        sb.Append("[Timer]\n");
        sb.Append(UnitValue.Line("OnCalendar", schedule));
        sb.Append(UnitValue.Line("RandomizedDelaySec", randomizedDelay));
        sb.Append("Persistent=").Append(persistent ? "true" : "false").Append('\n');
        sb.Append('\n');
        sb.Append("[Install]\n");
        sb.Append("WantedBy=timers.target\n");
        return sb.ToString();
    }
}
