namespace Homelab.Provider.Framework.Resources;

/// <summary>Adjusts the default plan: normalise values, add replacement paths, refuse a destroy.</summary>
public interface IModifyPlan
{
    /// <summary>
    /// Called on every plan of a create, update or destroy, after the default planner.
    /// <see cref="ModifyPlanResponse.Planned"/> and <see cref="ModifyPlanResponse.RequiresReplace"/>
    /// arrive filled with the default plan; change them in place. For a create or update the framework
    /// then checks the plan against the configuration (non-computed attributes equal the configuration, configured
    /// values unchanged, write-only attributes null) and reports any breach as an error.
    /// </summary>
    /// <param name="request">The prior state (null for a create), the configuration (null for a destroy), the prior private bytes and the provider data.</param>
    /// <param name="response">The plan to adjust.</param>
    /// <param name="cancellationToken">Cancelled when the client cancels the call or sends StopProvider.</param>
    /// <returns>A task that completes when the plan is adjusted.</returns>
    /// <exception cref="Diagnostics.DiagnosticException">Thrown by the implementation to fail the plan with that error.</exception>
    Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken);
}
