namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// Turns an import id into a partial state; the client then calls Read, which must fill in the
/// rest. Document the id grammar in the resource description.
/// </summary>
public interface IImportState
{
    /// <summary>
    /// Sets <see cref="ResourceResponse.State"/> to an object of <see cref="ImportRequest.Type"/>
    /// naming the object <see cref="ImportRequest.Id"/> identifies, with at least what
    /// <see cref="IResource.ReadAsync"/> needs to find it. Leaving it null means nothing matches:
    /// without an error of its own the framework reports "Cannot import". <see cref="ResourceResponse.Private"/>
    /// goes to that first Read.
    /// </summary>
    /// <param name="request">The import id, the state type, the provider data and, for an import by identity, the identity.</param>
    /// <param name="response">Where to put the partial state, private bytes and diagnostics.</param>
    /// <param name="cancellationToken">Cancelled when the client cancels the call or sends StopProvider.</param>
    /// <returns>A task that completes when the response is filled in.</returns>
    /// <exception cref="Diagnostics.DiagnosticException">Thrown by the implementation to fail the import with that error (e.g. a malformed id).</exception>
    Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken);
}
