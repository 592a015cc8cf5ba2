using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// A managed resource type. The framework decodes and checks every value, runs the default planner
/// (see <see cref="Planning.Planner"/>), and checks answers against the client's rules before
/// replying. Optional capabilities: <see cref="IValidateResourceConfig"/>, <see cref="IModifyPlan"/>,
/// <see cref="IImportState"/>, <see cref="IUpgradeState"/>.
/// </summary>
public interface IResource
{
    /// <summary>The resource type, e.g. <c>example_thing</c>: the provider's <see cref="IProvider.TypeName"/>, an underscore, a name; unique among the provider's resources.</summary>
    string TypeName { get; }

    /// <summary>
    /// The resource's schema. Its <see cref="ResourceSchema.Version"/> is stored with every state;
    /// a state stored under an older version goes through <see cref="IUpgradeState"/> first.
    /// </summary>
    ResourceSchema Schema { get; }

    /// <summary>
    /// Creates the object and sets <see cref="ResourceResponse.State"/> to it.
    /// <see cref="CreateRequest.Planned"/> holds the plan: known values are promised and must come
    /// back exactly; unknowns are computed values to fill in. Every unknown must be known in the
    /// returned state; the framework checks the answer against the plan and reports a breach as an error.
    /// On failure add an error (or throw): a wholly known state returned with it is stored, so
    /// the client tracks what was created; with no state, nothing is stored.
    /// </summary>
    /// <param name="request">The planned state, the configuration, the provider data and the planned private bytes.</param>
    /// <param name="response">Where to put the new state, private bytes (null keeps the planned ones) and diagnostics.</param>
    /// <param name="cancellationToken">Cancelled when the client cancels the call or sends StopProvider.</param>
    /// <returns>A task that completes when the response is filled in.</returns>
    /// <exception cref="Diagnostics.DiagnosticException">Thrown by the implementation to fail the create with that error; state set before the throw is kept.</exception>
    Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken);

    /// <summary>Refresh from the real world. Leave <see cref="ResourceResponse.State"/> null when the object is gone.</summary>
    Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the object in place from <see cref="UpdateRequest.Prior"/> to
    /// <see cref="UpdateRequest.Planned"/> and sets <see cref="ResourceResponse.State"/> to the
    /// result. Same rules as <see cref="CreateAsync"/>: known planned values come back exactly,
    /// every unknown is filled in, the framework checks the answer against the plan. On failure a
    /// wholly known state returned with the error is stored; with no state, the prior state is kept.
    /// A change of a <see cref="ModifyPlanResponse.RequiresReplace"/> path never gets here: it plans a replacement.
    /// </summary>
    /// <param name="request">The prior state, the planned state, the configuration, the planned private bytes and the provider data.</param>
    /// <param name="response">Where to put the new state, private bytes (null keeps the planned ones) and diagnostics.</param>
    /// <param name="cancellationToken">Cancelled when the client cancels the call or sends StopProvider.</param>
    /// <returns>A task that completes when the response is filled in.</returns>
    /// <exception cref="Diagnostics.DiagnosticException">Thrown by the implementation to fail the update with that error; state set before the throw is kept.</exception>
    Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken);

    /// <summary>
    /// Destroys the object <see cref="DeleteRequest.Prior"/> describes. Leave
    /// <see cref="ResourceResponse.State"/> alone: without errors the resource is removed from
    /// state; with an error the prior state is kept, so the client still tracks the object.
    /// Treat an object that is already gone as deleted.
    /// </summary>
    /// <param name="request">The prior state, its private bytes and the provider data.</param>
    /// <param name="response">Where to put diagnostics; its state and private bytes are ignored.</param>
    /// <param name="cancellationToken">Cancelled when the client cancels the call or sends StopProvider.</param>
    /// <returns>A task that completes when the object is gone or an error is added.</returns>
    /// <exception cref="Diagnostics.DiagnosticException">Thrown by the implementation to fail the delete with that error.</exception>
    Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken);
}
