using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Testing;

/// <summary>
/// In-process checks for a provider's own unit tests: what the framework does with a
/// configuration before a resource sees it. The planning machinery itself stays internal; this is
/// its stable face. Tests through the real client (terraform or tofu) remain the proof.
/// </summary>
public static class ProviderTesting
{
    /// <summary>
    /// Adds to <paramref name="diagnostics"/> what the framework reports for <paramref name="config"/>
    /// before the resource's own <c>ValidateConfig</c>: every attribute's validators (on the
    /// attribute's path) and deprecation warnings.
    /// </summary>
    public static void Validate(ResourceSchema schema, TfValue config, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ConfigValidation.Validate(schema.Block, config, diagnostics);
    }

    /// <summary>
    /// The framework's default plan for a create (<paramref name="prior"/> null) or an update, as
    /// PlanResourceChange computes it before the resource's <c>ModifyPlan</c>: defaults, unknown
    /// computed values, kept prior values, and the paths whose change forces a replacement.
    /// </summary>
    /// <param name="schema">The resource's schema.</param>
    /// <param name="prior">The prior state; null plans a create.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="proposed">The client's proposed new state; the configuration when omitted.</param>
    public static (TfValue Planned, IReadOnlyList<AttrPath> RequiresReplace) Plan(ResourceSchema schema, TfValue? prior, TfValue config, TfValue? proposed = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Planner.Plan(schema.Block, prior, proposed ?? config, config);
    }

    /// <summary>
    /// The problems the framework finds in <paramref name="provider"/>'s schemas (names, nesting,
    /// defaults, validators, identities, functions) — what it would report as schema diagnostics at
    /// startup. Empty when every schema is well formed; worth asserting in a provider's unit tests.
    /// </summary>
    public static IReadOnlyList<string> CheckSchemas(IProvider provider) => SchemaRules.Check(provider);
}
