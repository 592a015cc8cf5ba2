using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;

namespace Homelab.TestProvider;

/// <summary><c>testfw_thing</c>'s identity: its <c>id</c>, the same as its import id.</summary>
internal sealed partial class ThingResource : IResourceIdentity
{
    public IdentitySchema IdentitySchema { get; } = new(0,
    [
        new IdentityAttribute("id", TfType.String, "The thing's `id`.") { RequiredForImport = true },
    ]);

    public TfValue IdentityOf(TfValue state, object? providerData) =>
        TfValue.Object(IdentitySchema.ImpliedType, [KeyValuePair.Create("id", state["id"])]);

    public string? ImportIdOf(TfValue identity, object? providerData, DiagnosticBag diagnostics) => identity.GetString("id").Get();
}
