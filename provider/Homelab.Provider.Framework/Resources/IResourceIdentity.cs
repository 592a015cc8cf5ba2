using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// A resource that declares its identity (protocol 6.9: Terraform 1.12+, OpenTofu 1.12+). The
/// server advertises <see cref="IdentitySchema"/>, returns <see cref="IdentityOf"/> of the state
/// after read, plan, apply and import, and turns an <c>import { identity = … }</c> into the import
/// id <see cref="ImportIdOf"/> names, so import by identity and by id share one path
/// (<see cref="IImportState"/>, which such a resource must implement). Older clients ignore all of it.
/// </summary>
public interface IResourceIdentity
{
    /// <summary>
    /// The identity schema, advertised to the client. It is checked with the provider schema: version
    /// not negative; at least one attribute, one of them required for import; unique lowercase names;
    /// each attribute described, of a primitive type or a list of one. A stored identity of another
    /// version is refused (there are no identity upgraders).
    /// </summary>
    IdentitySchema IdentitySchema { get; }

    /// <summary>
    /// The identity of the object <paramref name="state"/> describes: an object of
    /// <see cref="Resources.IdentitySchema.ImpliedType"/>. Pure and cheap (no host access). In a plan
    /// parts may be unknown; the server then sends no planned identity.
    /// </summary>
    TfValue IdentityOf(TfValue state, object? providerData);

    /// <summary>
    /// The import id that names the object <paramref name="identity"/> names (required attributes
    /// are set, optional ones may be null). Return null after adding an error when it names nothing
    /// this provider can reach.
    /// </summary>
    string? ImportIdOf(TfValue identity, object? providerData, DiagnosticBag diagnostics);
}
