namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// Turns an import id into a partial state; the client then calls Read, which must fill in the
/// rest. Document the id grammar in the resource description.
/// </summary>
public interface IImportState
{
    Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken);
}
