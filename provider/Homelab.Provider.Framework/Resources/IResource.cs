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
    string TypeName { get; }

    ResourceSchema Schema { get; }

    Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken);

    /// <summary>Refresh from the real world. Leave <see cref="ResourceResponse.State"/> null when the object is gone.</summary>
    Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken);

    Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken);

    Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken);
}
