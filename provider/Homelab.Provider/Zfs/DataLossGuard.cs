using System.Globalization;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>
/// Refuses, at plan, every change of a <c>homelab_zfs_dataset</c> that destroys data the user did
/// not name: a replacement (pool move, <c>type</c>, <c>sparse</c>, <c>remote</c>, a creation-only
/// property, …) destroys the old dataset with everything in it, and a smaller <c>volsize</c>
/// truncates a volume in place. Both need <c>force_destroy = true</c> in the recorded state
/// <em>and</em> the configuration: terraform hands the destroy half of a replacement the prior
/// state, so a flag set in the same plan would not even reach it, and "set it, apply, then change"
/// is one rule for every data-destroying change. An Incus-owned dataset is never replaced.
/// </summary>
internal static class DataLossGuard
{
    public static async Task CheckAsync(ModifyPlanRequest request, ModifyPlanResponse response, TfValue prior, TfValue planned, CancellationToken ct)
    {
        var causes = response.RequiresReplace.ToList();
        var shrink = causes.Count == 0 ? Shrink(prior, planned) : null;
        if (causes.Count == 0 && shrink is null)
        {
            return;
        }
        var name = prior.GetString("name").Get();
        var (readable, contents) = await ContentsAsync(request, prior, name, ct).ConfigureAwait(false);
        if (contents is { IncusProblem: { } incus })
        {
            response.Diagnostics.AddError("Refusing to replace an Incus-owned dataset",
                $"This plan would destroy {name}, but {incus} The provider never destroys what Incus owns, even with `force_destroy = true`. Revert the change, or manage the dataset with Incus.",
                shrink is null ? causes[0] : AttrPath.Attribute("volsize"));
            return;
        }
        var forced = prior.GetBool("force_destroy") is { IsKnown: true, Value: true }
            && planned.GetBool("force_destroy") is { IsKnown: true, Value: true };
        if (forced || (readable && contents is null && shrink is null))
        {
            // Forced, or the old dataset is already gone (nothing to lose).
            return;
        }
        var what = contents?.Describe() ?? $"{name} (its contents could not be read during this plan)";
        var how = prior.GetBool("force_destroy") is { IsKnown: true, Value: true }
            ? "keep `force_destroy = true` in the configuration"
            : "set `force_destroy = true`, apply that change on its own first (it is recorded in state; a replacement's destroy acts on the recorded value), then apply this change";
        if (shrink is not null)
        {
            response.Diagnostics.AddError("Shrinking a volume would destroy data",
                $"{shrink} ZFS truncates the volume in place: whatever is stored beyond the new size is lost for good (file systems on it usually break). Volume: {what}. Nothing was changed. To keep the data, keep the size (shrink the file system inside first if you must). If the data may go, {how}.",
                AttrPath.Attribute("volsize"));
            return;
        }
        response.Diagnostics.AddError("Replacing a dataset would destroy data",
            $"This plan replaces {name}: it destroys the dataset and creates an empty one, because {string.Join("; ", causes.Select(c => Reason(c, prior, planned)))}. It would lose {what}. Nothing was changed. To keep the data, revert that change (a rename within the pool happens in place; to move data to another pool or host use `zfs send | zfs recv`). If the data may go, {how}.",
            causes[0]);
    }

    /// <summary>
    /// The old dataset's contents, read on the remote it lives on (null when it is gone). Not
    /// readable when that remote's settings are known only after apply: then the plan is refused
    /// as if the dataset held data.
    /// </summary>
    private static async Task<(bool Readable, DatasetContents? Contents)> ContentsAsync(ModifyPlanRequest request, TfValue prior, string name, CancellationToken ct)
    {
        var registry = HostRegistry.From(request.ProviderData);
        var remoteName = RemoteAttribute.NameIn(prior, request.ProviderData);
        if (registry.AllUnresolved || registry.Unresolved.Contains(remoteName) || !registry.Contains(remoteName))
        {
            return (false, null);
        }
        return (true, await ZfsCommands.For(registry.Get(remoteName)).Placement.ContentsAsync(name, ct).ConfigureAwait(false));
    }

    /// <summary>A sentence when <paramref name="planned"/> makes a volume smaller, else null.</summary>
    public static string? Shrink(TfValue prior, TfValue planned)
    {
        if (prior.GetString("type").ValueOr("filesystem") != "volume" || planned.GetString("type") is not { IsKnown: true, Value: "volume" }
            || prior.GetString("volsize") is not { IsKnown: true, Value: { } before }
            || planned.GetString("volsize") is not { IsKnown: true, Value: { } after }
            || !ZfsProperties.TryParseSize(before, out var b) || !ZfsProperties.TryParseSize(after, out var a) || a >= b)
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture, $"`volsize` shrinks {prior.GetString("name").Get()} from {before} to {after} ({b - a} bytes less).");
    }

    private static string Reason(AttrPath path, TfValue prior, TfValue planned)
    {
        var attribute = path.Steps.Length > 0 ? path.Steps[0].Name : path.ToString();
        if (attribute == "properties" && path.Steps.Length > 1)
        {
            var key = path.Steps[1].Name;
            return $"the creation-only property `{key}` changes ({Show(prior.GetStringMap("properties").OrNull()?.GetValueOrDefault(key))} → {Show(planned.GetStringMap("properties").OrNull()?.GetValueOrDefault(key))})";
        }
        var before = Show(prior[attribute]);
        var after = Show(planned[attribute]);
        return attribute == "name"
            ? $"`name` moves it to another pool ({before} → {after})"
            : $"`{attribute}` changes ({before} → {after})";
    }

    private static string Show(TfValue value) =>
        !value.IsKnown ? "(known after apply)"
        : value.IsNull ? "(unset)"
        : value.Type == TfType.Bool ? (value.AsBool() ? "true" : "false")
        : value.Type == TfType.String ? Show(value.AsString())
        : value.ToString() ?? "";

    private static string Show(string? value) => value is null ? "(unset)" : $"\"{Framework.Schema.Validators.Printable(value)}\"";
}
