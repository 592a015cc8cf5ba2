using Homelab.Provider.Host;

namespace Homelab.Provider.Units;

/// <summary>
/// Validation of systemd calendar expressions (systemd.time(7)) by the host's own
/// <c>systemd-analyze calendar</c>, so the rules are exactly those of the systemd that will run
/// the timer. Call it at plan time (ModifyPlan): ValidateResourceConfig runs before the provider is
/// configured and has no remote.
/// </summary>
internal static class Calendar
{
    /// <summary>Null when <paramref name="expression"/> is valid, else the tool's complaint (for a diagnostic detail).</summary>
    public static async Task<string?> ValidateAsync(Remote remote, string expression, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length == 0 || expression.Contains('\n', StringComparison.Ordinal) || expression.Contains('\0', StringComparison.Ordinal))
        {
            return "The schedule must be a single, non-empty line.";
        }
        // "--": an expression starting with '-' is never taken for an option.
        var result = await remote.RunToolAsync("systemd-analyze", ["calendar", "--", expression], ct).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return null;
        }
        var err = result.Stderr.Trim();
        return err.Length > 0 ? err : result.Describe();
    }
}
