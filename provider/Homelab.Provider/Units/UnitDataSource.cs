using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Units;

/// <summary>
/// <c>homelab_unit</c>: the systemd state of one service or timer (one <c>systemctl show</c>) and
/// when it last succeeded (<see cref="SuccessFile"/>), for <c>check {}</c> blocks. Without a
/// running systemd it says so with a warning and reports only <c>last_success</c>.
/// </summary>
internal sealed class UnitDataSource() : HostDataSource("homelab_unit", UnitDataSourceSchema.Schema)
{
    private const string ServiceSuffix = ".service";
    private const string TimerSuffix = ".timer";

    protected override async Task<TfValue?> ReadAsync(Remote remote, TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var name = config.GetString("name").Get();
        IReadOnlyDictionary<string, string>? properties = null;
        if (await SystemdPresence.IsRunningAsync(remote, cancellationToken).ConfigureAwait(false))
        {
            var systemctl = await remote.Tools.GetAsync("systemctl", cancellationToken).ConfigureAwait(false);
            var result = await remote.Connection.RunAsync(
                UtcCommand.For(systemctl, SystemctlShow.Arguments(name)), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new HostException($"Cannot read the state of {name}", $"On remote \"{remote.Name}\": {result.Describe()}");
            }
            properties = SystemctlShow.Parse(result.Stdout);
        }
        var successUnit = SuccessUnit(name, properties);
        if (properties is null)
        {
            diagnostics.AddWarning("systemd is not running",
                $"systemd is not running on remote \"{remote.Name}\" ({UnitNames.RuntimeDirectory} does not exist), so nothing is known about the state of {name}: `systemd_running` is false and load_state, active_state, sub_state, result, exit_status, last_trigger, next_elapse, active_enter_time and inactive_enter_time are null. Only `last_success` is known (from {remote.StateDir.PathOf(SuccessFile.PathOf(successUnit))}).");
        }
        var lastSuccess = await ReadLastSuccessAsync(remote, successUnit, diagnostics, cancellationToken).ConfigureAwait(false);
        return Summarise(config, name, properties, lastSuccess, diagnostics);
    }

    /// <summary>
    /// The state for unit <paramref name="name"/>: <paramref name="properties"/> is the parsed
    /// <c>systemctl show</c> output, or null when systemd is not running.
    /// </summary>
    internal static TfValue Summarise(TfValue config, string name, IReadOnlyDictionary<string, string>? properties, DateTimeOffset? lastSuccess, DiagnosticBag diagnostics)
    {
        var isService = name.EndsWith(ServiceSuffix, StringComparison.Ordinal);
        var isTimer = name.EndsWith(TimerSuffix, StringComparison.Ordinal);
        TfValue Text(string property) =>
            properties is not null && properties.TryGetValue(property, out var v) && v.Length > 0 ? TfValue.String(v) : TfValue.Null(TfType.String);
        TfValue Time(string property, bool applies)
        {
            if (properties is null || !applies || !properties.TryGetValue(property, out var v))
            {
                return TfValue.Null(TfType.String);
            }
            if (!SystemctlShow.TryParseTimestamp(v, out var time))
            {
                diagnostics.AddWarning("Unreadable systemd timestamp",
                    $"systemctl printed {property}={Validators.Printable(v)} for {name}, which is not a UTC time; the attribute is null.");
                return TfValue.Null(TfType.String);
            }
            return time is { } t ? TfValue.String(Rfc3339.Format(t)) : TfValue.Null(TfType.String);
        }
        TfValue ExitStatus()
        {
            if (properties is null || !isService
                || SystemctlShow.IsNever(properties.GetValueOrDefault("ExecMainExitTimestamp"))
                || !long.TryParse(properties.GetValueOrDefault("ExecMainStatus"), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var status))
            {
                return TfValue.Null(TfType.Number);
            }
            return TfValue.Number(status);
        }
        return config
            .With("systemd_running", TfValue.Bool(properties is not null))
            .With("load_state", Text("LoadState"))
            .With("active_state", Text("ActiveState"))
            .With("sub_state", Text("SubState"))
            .With("result", Text("Result"))
            .With("exit_status", ExitStatus())
            .With("last_trigger", Time("LastTriggerUSec", isTimer))
            .With("next_elapse", Time("NextElapseUSecRealtime", isTimer))
            .With("active_enter_time", Time("ActiveEnterTimestamp", applies: true))
            .With("inactive_enter_time", Time("InactiveEnterTimestamp", applies: true))
            .With("last_success", lastSuccess is { } s ? TfValue.String(Rfc3339.Format(s)) : TfValue.Null(TfType.String));
    }

    /// <summary>
    /// The unit whose success file tells when <paramref name="name"/> last succeeded: the unit
    /// itself, or for a timer the unit it starts (<c>Unit=</c>; without systemd, the service of the
    /// same name, systemd's default).
    /// </summary>
    internal static string SuccessUnit(string name, IReadOnlyDictionary<string, string>? properties)
    {
        if (!name.EndsWith(TimerSuffix, StringComparison.Ordinal))
        {
            return name;
        }
        if (properties?.GetValueOrDefault("Unit") is { Length: > 0 } unit && StateDirectory.CheckRelativePath(SuccessFile.PathOf(unit)) is null)
        {
            return unit;
        }
        return name[..^TimerSuffix.Length] + ServiceSuffix;
    }

    private static async Task<DateTimeOffset?> ReadLastSuccessAsync(Remote remote, string unit, DiagnosticBag diagnostics, CancellationToken ct)
    {
        var path = SuccessFile.PathOf(unit);
        if (await remote.StateDir.ReadFileAsync(path, ct).ConfigureAwait(false) is not { } content)
        {
            return null;
        }
        if (SuccessFile.Parse(content) is { } time)
        {
            return time;
        }
        diagnostics.AddWarning("Unreadable status file",
            $"{remote.StateDir.PathOf(path)} on remote \"{remote.Name}\" holds \"{Validators.Printable(content.Trim())}\", not an RFC 3339 time such as 2026-12-03T12:00:00Z; `last_success` is null. The foundation's success-notify@.service rewrites it after the next success of {unit}.");
        return null;
    }
}
