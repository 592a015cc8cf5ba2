using Google.Protobuf;
using Grpc.Core;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Server;

/// <summary>
/// Resource identity (protocol 6.9: Terraform 1.12+, OpenTofu 1.12+). Clients that predate it
/// never call these RPCs and skip the identity fields of read, plan, apply and import answers as
/// unknown protobuf fields.
/// </summary>
internal sealed partial class ProviderService
{
    public override Task<Proto.GetResourceIdentitySchemas.Types.Response> GetResourceIdentitySchemas(Proto.GetResourceIdentitySchemas.Types.Request request, ServerCallContext context) =>
        Task.FromResult(runtime.IdentitySchemasResponse);

    /// <summary>
    /// Only the current identity version exists, so the stored identity is decoded as it is
    /// (leniently, like a same-version state) and returned; the clients call this only when the
    /// stored version differs from the schema's, which then is an error naming the cause.
    /// </summary>
    public override Task<Proto.UpgradeResourceIdentity.Types.Response> UpgradeResourceIdentity(Proto.UpgradeResourceIdentity.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.UpgradeResourceIdentity.Types.Response();
        if (!runtime.Resources.TryGetValue(request.TypeName, out var resource) || resource is not IResourceIdentity identity)
        {
            response.Diagnostics.Add(Unknown("resource identity for", request.TypeName));
            return Task.FromResult(response);
        }
        var diags = new DiagnosticBag();
        Guard(diags, $"upgrading the stored identity of {request.TypeName}", () =>
        {
            var schema = identity.IdentitySchema;
            var json = request.RawIdentity?.Json ?? ByteString.Empty;
            if (request.Version != schema.Version)
            {
                diags.AddError("Unsupported identity version",
                    $"The identity of this {request.TypeName} was written with identity schema version {request.Version}, but this provider knows version {schema.Version}"
                    + (request.Version > schema.Version ? ". It was written by a newer provider: upgrade the provider." : " and has no upgrade from it. Remove the resource from state and import it again."));
                return;
            }
            if (json.IsEmpty)
            {
                diags.AddError("Stored identity cannot be read", $"The client sent no JSON identity for this {request.TypeName}.");
                return;
            }
            var value = CtyJson.Decode(json.Span, schema.ImpliedType, ignoreUndefinedAttributes: true);
            PlanChecker.CheckIdentity(schema, value, requireKnown: true, "after upgrade", diags);
            if (!diags.HasErrors)
            {
                response.UpgradedIdentity = IdentityData(value, schema.ImpliedType);
            }
        });
        return Task.FromResult(WithDiagnostics(response, response.Diagnostics, diags));
    }

    /// <summary>
    /// The identity of a stored object (after read or apply), checked; null when the resource
    /// declares none or <paramref name="state"/> is no object.
    /// </summary>
    private Proto.ResourceIdentityData? StoredIdentity(IResource resource, TfValue? state, string when, DiagnosticBag diags)
    {
        if (resource is not IResourceIdentity identity || state is null || !state.IsKnown)
        {
            return null;
        }
        var schema = identity.IdentitySchema;
        var value = identity.IdentityOf(state, runtime.ProviderData);
        var problems = new DiagnosticBag();
        PlanChecker.CheckIdentity(schema, value, requireKnown: true, when, problems);
        diags.AddRange(problems);
        return problems.HasErrors ? null : IdentityData(value, schema.ImpliedType);
    }

    /// <summary>
    /// The planned identity: sent only when wholly known (Terraform 1.12+ refuses an unknown
    /// identity in an update plan, and omitting it is always allowed).
    /// </summary>
    private Proto.ResourceIdentityData? PlannedIdentity(IResource resource, TfValue planned, DiagnosticBag diags)
    {
        if (resource is not IResourceIdentity identity)
        {
            return null;
        }
        var schema = identity.IdentitySchema;
        var value = identity.IdentityOf(planned, runtime.ProviderData);
        var problems = new DiagnosticBag();
        PlanChecker.CheckIdentity(schema, value, requireKnown: false, "in the plan", problems);
        diags.AddRange(problems);
        return problems.HasErrors || !value.IsWhollyKnown ? null : IdentityData(value, schema.ImpliedType);
    }

    /// <summary>
    /// The identity given in <c>import { identity = … }</c>, decoded and checked against the
    /// identity schema (every <c>required_for_import</c> attribute set), or null with an error.
    /// </summary>
    private static TfValue? GivenIdentity(string typeName, IResource resource, Proto.ResourceIdentityData data, DiagnosticBag diags)
    {
        if (resource is not IResourceIdentity identity)
        {
            diags.AddError("Import by identity not supported", $"{typeName} declares no identity: import it by id instead.");
            return null;
        }
        var schema = identity.IdentitySchema;
        var value = DynamicValues.Decode(data.IdentityData, schema.ImpliedType);
        if (!value.IsKnown)
        {
            diags.AddError("Invalid import identity", $"The identity to import must be an object with the attributes {string.Join(", ", schema.Attributes.Select(a => a.Name))}.");
            return null;
        }
        foreach (var a in schema.Attributes)
        {
            if (!value[a.Name].IsWhollyKnown)
            {
                diags.AddError("Invalid import identity", $"The identity attribute \"{a.Name}\" must be known when importing.");
            }
            else if (a.RequiredForImport && value[a.Name].IsNull)
            {
                diags.AddError("Invalid import identity", $"The identity attribute \"{a.Name}\" is required for import.");
            }
        }
        return diags.HasErrors ? null : value;
    }

    /// <summary>
    /// The identity an import answers with: that of the imported state when it is complete, else
    /// (an import by identity of a partial state) the identity the user gave; the read that follows
    /// the import returns the full one.
    /// </summary>
    private Proto.ResourceIdentityData? ImportedIdentity(IResource resource, TfValue state, TfValue? given)
    {
        if (resource is not IResourceIdentity identity)
        {
            return null;
        }
        var schema = identity.IdentitySchema;
        var value = identity.IdentityOf(state, runtime.ProviderData);
        var problems = new DiagnosticBag();
        PlanChecker.CheckIdentity(schema, value, requireKnown: true, "after import", problems);
        return !problems.HasErrors ? IdentityData(value, schema.ImpliedType)
            : given is not null ? IdentityData(given, schema.ImpliedType)
            : null;
    }

    private static Proto.ResourceIdentityData IdentityData(TfValue value, TfType type) => new() { IdentityData = DynamicValues.Encode(value, type) };
}
