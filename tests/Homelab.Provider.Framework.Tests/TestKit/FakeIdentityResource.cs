using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Tests.TestKit;

/// <summary>
/// <c>test_thing</c> (lifecycle from <see cref="FakeResource"/>) with an identity: <c>id</c>
/// (required for import) and <c>name</c> (optional). Import ids are the thing's id; an identity
/// imports as its <c>id</c>. Every identity hook is a replaceable delegate.
/// </summary>
internal sealed class FakeIdentityResource(FakeResource inner) : IResource, IModifyPlan, IImportState, IResourceIdentity
{
    public static readonly IdentitySchema Identity = new(0,
    [
        new IdentityAttribute("name", TfType.String, "The thing's name.") { OptionalForImport = true },
        new IdentityAttribute("id", TfType.String, "The thing's id.") { RequiredForImport = true },
    ]);

    public static TfType IdentityType => Identity.ImpliedType;

    public FakeIdentityResource()
        : this(new FakeResource())
    {
    }

    public string TypeName => inner.TypeName;

    public ResourceSchema Schema => inner.Schema;

    public IdentitySchema IdentitySchema { get; init; } = Identity;

    public Func<TfValue, TfValue> OnIdentityOf { get; init; } = state =>
        TfValue.Object(IdentityType, [KeyValuePair.Create("id", state["id"]), KeyValuePair.Create("name", state["name"])]);

    public Func<TfValue, DiagnosticBag, string?> OnImportId { get; init; } = (identity, _) => identity.GetString("id").Get();

    /// <summary>Import answers with the id and nothing else (the read fills in the rest).</summary>
    public Func<ImportRequest, ResourceResponse, Task> OnImport { get; init; } = (request, response) =>
    {
        response.State = TfValue.Object(request.Type, [KeyValuePair.Create("id", TfValue.String(request.Id))]);
        return Task.CompletedTask;
    };

    public ImportRequest? LastImport { get; private set; }

    public object? LastProviderData { get; private set; }

    public List<string> Calls => inner.Calls;

    public TfValue IdentityOf(TfValue state, object? providerData)
    {
        LastProviderData = providerData;
        return OnIdentityOf(state);
    }

    public string? ImportIdOf(TfValue identity, object? providerData, DiagnosticBag diagnostics) => OnImportId(identity, diagnostics);

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        LastImport = request;
        return OnImport(request, response);
    }

    public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) => inner.CreateAsync(request, response, cancellationToken);

    public Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken) => inner.ReadAsync(request, response, cancellationToken);

    public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) => inner.UpdateAsync(request, response, cancellationToken);

    public Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken) => inner.DeleteAsync(request, response, cancellationToken);

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken) => inner.ModifyPlanAsync(request, response, cancellationToken);
}
