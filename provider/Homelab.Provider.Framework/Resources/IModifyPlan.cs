namespace Homelab.Provider.Framework.Resources;

/// <summary>Adjusts the default plan: normalise values, add replacement paths, refuse a destroy.</summary>
public interface IModifyPlan
{
    Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken);
}
