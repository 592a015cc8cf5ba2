using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

namespace Homelab.Provider.Kit;

/// <summary>
/// The <c>remote</c> attribute of every resource, with its one rule (docs/design/resource-anatomy.md):
/// a remote left unset is the provider's <c>default_remote</c> <em>at creation</em>, recorded in
/// state, so a later change of <c>default_remote</c> (adding a second host) never moves or replaces
/// existing objects. Changing <c>remote</c> explicitly replaces the object. States written before
/// the remote was recorded (null) are migrated on the next refresh or import.
/// </summary>
internal static class RemoteAttribute
{
    public const string Name = "remote";

    /// <summary>The check of a remote name wherever a resource or data source takes one.</summary>
    public static readonly IValueValidator NameValidator =
        Validators.Matches(ProviderConfig.RemoteNamePattern(), "A remote name: 1-63 lowercase letters, digits, `_` or `-`, starting with a letter or digit.");

    /// <summary>The schema attribute; <paramref name="what"/> names the object, e.g. "the policy".</summary>
    public static SchemaAttribute Definition(string what) => new(Name, TfType.String,
        $"Name of the provider `remote` (host) that holds {what}. Default: the provider's `default_remote` at creation, recorded in state, so a later change of `default_remote` never moves existing objects. Changing it explicitly replaces {what}.")
    {
        Optional = true,
        Computed = true,
        UseStateForUnknown = true,
        RequiresReplace = true,
        Validators = [NameValidator],
    };

    /// <summary>
    /// Plans <c>remote</c> (the default recorded at creation; a legacy null stays null until the
    /// next refresh records it) and returns the remote to run plan-time checks on. Null when the
    /// remote or its settings are not known yet, or it is not configured (then an error on
    /// <c>remote</c> is added).
    /// </summary>
    public static Remote? Plan(ModifyPlanRequest request, ModifyPlanResponse response)
    {
        if (response.Planned is not { } planned || request.Config is not { } config)
        {
            return null;
        }
        var registry = HostRegistry.From(request.ProviderData);
        if (request.Prior is null && config[Name].IsNull)
        {
            planned = response.Planned = planned.With(Name, TfValue.String(registry.DefaultRemote));
        }
        var name = planned.GetString(Name);
        if (name.IsUnknown)
        {
            return null;
        }
        var key = name.Value ?? registry.DefaultRemote;
        if (!registry.Contains(key))
        {
            response.Diagnostics.AddError("Unknown remote", registry.UnknownRemoteDetail(key), AttrPath.Attribute(Name));
            return null;
        }
        // A remote whose settings are known only after apply: plan without host checks.
        return registry.AllUnresolved || registry.Unresolved.Contains(key) ? null : registry.Get(key);
    }

    /// <summary>The remote an object in <paramref name="state"/> lives on (a legacy null = the default remote).</summary>
    public static Remote Of(TfValue state, object? providerData) =>
        HostRegistry.From(providerData).Get(NameIn(state, providerData));

    /// <summary>The remote's name for <paramref name="state"/> (a legacy null = the default remote).</summary>
    public static string NameIn(TfValue state, object? providerData) =>
        state.GetString(Name) is { IsKnown: true, Value: { } name } ? name : HostRegistry.From(providerData).DefaultRemote;

    /// <summary>The data-source form of the attribute: optional, the provider's <c>default_remote</c> when unset.</summary>
    public static SchemaAttribute DataSourceDefinition(string what) => new(Name, TfType.String,
        $"Name of the provider `remote` (host) to read {what} from. Default: the provider's `default_remote`.")
    {
        Optional = true,
        Validators = [NameValidator],
    };

    /// <summary>
    /// The remote a data source reads from (<c>remote</c> in <paramref name="config"/>, else the
    /// default remote). Null, with an error on <c>remote</c>, when that remote is not configured.
    /// </summary>
    public static Remote? ForDataSource(TfValue config, HostRegistry registry, DiagnosticBag diagnostics)
    {
        var key = config.GetString(Name).Value ?? registry.DefaultRemote;
        if (!registry.Contains(key))
        {
            diagnostics.AddError("Unknown remote", registry.UnknownRemoteDetail(key), AttrPath.Attribute(Name));
            return null;
        }
        return registry.Get(key);
    }

    /// <summary>The remote an import records: the one the id names, else the default remote.</summary>
    public static string Imported(string? remote, object? providerData) => remote ?? HostRegistry.From(providerData).DefaultRemote;
}
