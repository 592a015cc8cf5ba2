using Google.Protobuf;
using Grpc.Core;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Hosting;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Server;

/// <summary>Managed resource RPCs.</summary>
internal sealed partial class ProviderService
{
    public override Task<Proto.ValidateResourceConfig.Types.Response> ValidateResourceConfig(Proto.ValidateResourceConfig.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.ValidateResourceConfig.Types.Response();
        if (!runtime.Resources.TryGetValue(request.TypeName, out var resource))
        {
            response.Diagnostics.Add(Unknown("resource", request.TypeName));
            return Task.FromResult(response);
        }
        var diags = new DiagnosticBag();
        Guard(diags, $"validating {request.TypeName}", () =>
        {
            var block = resource.Schema.Block;
            var config = DynamicValues.Decode(request.Config, block.ImpliedType);
            if (request.ClientCapabilities is not { WriteOnlyAttributesAllowed: true }
                && ConfigValidation.UsesWriteOnly(block, config, out var woPath))
            {
                diags.AddError("Write-only attribute not supported by this client",
                    "Write-only attributes need Terraform 1.11 or newer (or an OpenTofu release that supports them). Upgrade the client, or use the file-based alternative the attribute's documentation names.",
                    woPath);
            }
            ConfigValidation.Validate(block, config, diags);
            if (resource is IValidateResourceConfig validator)
            {
                Capture(diags, () => validator.ValidateConfig(config, diags));
            }
        });
        return Task.FromResult(WithDiagnostics(response, response.Diagnostics, diags));
    }

    public override Task<Proto.UpgradeResourceState.Types.Response> UpgradeResourceState(Proto.UpgradeResourceState.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.UpgradeResourceState.Types.Response();
        if (!runtime.Resources.TryGetValue(request.TypeName, out var resource))
        {
            response.Diagnostics.Add(Unknown("resource", request.TypeName));
            return Task.FromResult(response);
        }
        var diags = new DiagnosticBag();
        Guard(diags, $"upgrading the stored state of {request.TypeName}", () =>
        {
            var type = resource.Schema.ImpliedType;
            var json = request.RawState?.Json ?? ByteString.Empty;
            if (json.IsEmpty)
            {
                diags.AddError("Stored state cannot be read",
                    "The state holds this resource in the legacy flatmap format, which this provider never wrote. Remove it from state and import it again.");
                return;
            }
            TfValue upgraded;
            if (request.Version == resource.Schema.Version)
            {
                // Same version: decode leniently, so attributes dropped from the schema vanish.
                upgraded = CtyJson.Decode(json.Span, type, ignoreUndefinedAttributes: true);
            }
            else if (request.Version < resource.Schema.Version
                && resource is IUpgradeState upgrader
                && upgrader.StateUpgraders.TryGetValue(request.Version, out var step))
            {
                var prior = CtyJson.Decode(json.Span, step.PriorType, ignoreUndefinedAttributes: true);
                upgraded = step.Upgrade(prior, diags);
            }
            else
            {
                diags.AddError("Unsupported state version",
                    $"The state of this {request.TypeName} was written with schema version {request.Version}, but this provider knows version {resource.Schema.Version}"
                    + (request.Version > resource.Schema.Version ? ". It was written by a newer provider: upgrade the provider." : " and has no upgrade from it. Remove it from state and import it again."));
                return;
            }
            if (!diags.HasErrors)
            {
                response.UpgradedState = DynamicValues.Encode(upgraded, type);
            }
        });
        return Task.FromResult(WithDiagnostics(response, response.Diagnostics, diags));
    }

    public override async Task<Proto.ReadResource.Types.Response> ReadResource(Proto.ReadResource.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.ReadResource.Types.Response { Private = request.Private };
        if (!runtime.Resources.TryGetValue(request.TypeName, out var resource))
        {
            response.Diagnostics.Add(Unknown("resource", request.TypeName));
            return response;
        }
        var diags = new DiagnosticBag();
        await GuardAsync(diags, $"reading {request.TypeName}", async () =>
        {
            var type = resource.Schema.ImpliedType;
            var current = DynamicValues.Decode(request.CurrentState, type);
            if (current.IsNull)
            {
                response.NewState = request.CurrentState;
                return;
            }
            var result = new ResourceResponse();
            using var cts = Linked(context);
            await CaptureAsync(result.Diagnostics, () => resource.ReadAsync(new ReadRequest(current, Bytes(request.Private), runtime.ProviderData), result, cts.Token)).ConfigureAwait(false);
            diags.AddRange(result.Diagnostics);
            if (result.State is { IsNull: false } state)
            {
                PlanChecker.CheckRead(resource.Schema.Block, state, diags);
            }
            if (!diags.HasErrors || result.State is not null)
            {
                response.NewState = DynamicValues.Encode(result.State, type);
                response.NewIdentity = StoredIdentity(resource, result.State, "after read", diags);
            }
            if (result.Private is not null)
            {
                response.Private = ByteString.CopyFrom(result.Private);
            }
        }).ConfigureAwait(false);
        return WithDiagnostics(response, response.Diagnostics, diags);
    }

    public override async Task<Proto.PlanResourceChange.Types.Response> PlanResourceChange(Proto.PlanResourceChange.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.PlanResourceChange.Types.Response { PlannedPrivate = request.PriorPrivate };
        if (!runtime.Resources.TryGetValue(request.TypeName, out var resource))
        {
            response.Diagnostics.Add(Unknown("resource", request.TypeName));
            return response;
        }
        var diags = new DiagnosticBag();
        await GuardAsync(diags, $"planning {request.TypeName}", async () =>
        {
            var block = resource.Schema.Block;
            var type = block.ImpliedType;
            var prior = DynamicValues.Decode(request.PriorState, type);
            var proposed = DynamicValues.Decode(request.ProposedNewState, type);
            var config = DynamicValues.Decode(request.Config, type);
            var priorOrNull = prior.IsNull ? null : prior;

            TfValue? planned = null;
            IReadOnlyList<AttrPath> replace = [];
            if (!proposed.IsNull)
            {
                (planned, replace) = Planner.Plan(block, priorOrNull, proposed, config);
            }
            var modify = new ModifyPlanResponse { Planned = planned, PlannedPrivate = Bytes(request.PriorPrivate) };
            foreach (var path in replace)
            {
                modify.RequiresReplace.Add(path);
            }
            if (resource is IModifyPlan modifier)
            {
                using var cts = Linked(context);
                await CaptureAsync(modify.Diagnostics, () => modifier.ModifyPlanAsync(new ModifyPlanRequest(priorOrNull, config.IsNull ? null : config, Bytes(request.PriorPrivate), runtime.ProviderData), modify, cts.Token)).ConfigureAwait(false);
            }
            diags.AddRange(modify.Diagnostics);
            if (proposed.IsNull)
            {
                response.PlannedState = DynamicValues.Encode(null, type);
                return;
            }
            if (modify.Planned is null)
            {
                diags.AddError("Provider produced an invalid answer", "The plan for a create or update was empty. This is a bug in the provider.");
                return;
            }
            PlanChecker.CheckPlan(block, config, modify.Planned, diags);
            response.PlannedState = DynamicValues.Encode(modify.Planned, type);
            response.PlannedIdentity = PlannedIdentity(resource, modify.Planned, diags);
            response.RequiresReplace.AddRange(modify.RequiresReplace.Select(ToProto.Path));
            if (modify.PlannedPrivate is not null)
            {
                response.PlannedPrivate = ByteString.CopyFrom(modify.PlannedPrivate);
            }
        }).ConfigureAwait(false);
        return WithDiagnostics(response, response.Diagnostics, diags);
    }

    public override async Task<Proto.ApplyResourceChange.Types.Response> ApplyResourceChange(Proto.ApplyResourceChange.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.ApplyResourceChange.Types.Response { Private = request.PlannedPrivate };
        if (!runtime.Resources.TryGetValue(request.TypeName, out var resource))
        {
            response.Diagnostics.Add(Unknown("resource", request.TypeName));
            return response;
        }
        var diags = new DiagnosticBag();
        var type = resource.Schema.ImpliedType;
        TfValue? prior = null;
        await GuardAsync(diags, $"applying {request.TypeName}", async () =>
        {
            var block = resource.Schema.Block;
            prior = DynamicValues.Decode(request.PriorState, type);
            var planned = DynamicValues.Decode(request.PlannedState, type);
            var config = DynamicValues.Decode(request.Config, type);
            var priv = Bytes(request.PlannedPrivate);
            var result = new ResourceResponse();
            using var cts = Linked(context);
            if (planned.IsNull)
            {
                PluginLog.Debug("delete", ("type", request.TypeName));
                await CaptureAsync(result.Diagnostics, () => resource.DeleteAsync(new DeleteRequest(prior, priv, runtime.ProviderData), result, cts.Token)).ConfigureAwait(false);
                diags.AddRange(result.Diagnostics);
                // A failed delete keeps the prior object so the client keeps tracking it.
                response.NewState = DynamicValues.Encode(diags.HasErrors ? prior : null, type);
                response.NewIdentity = diags.HasErrors ? StoredIdentity(resource, prior, "after a failed delete", diags) : null;
                return;
            }
            if (prior.IsNull)
            {
                PluginLog.Debug("create", ("type", request.TypeName));
                await CaptureAsync(result.Diagnostics, () => resource.CreateAsync(new CreateRequest(planned, config, runtime.ProviderData, priv), result, cts.Token)).ConfigureAwait(false);
            }
            else
            {
                PluginLog.Debug("update", ("type", request.TypeName));
                await CaptureAsync(result.Diagnostics, () => resource.UpdateAsync(new UpdateRequest(prior, planned, config, priv, runtime.ProviderData), result, cts.Token)).ConfigureAwait(false);
            }
            diags.AddRange(result.Diagnostics);
            if (result.State is null || result.State.IsNull)
            {
                // Nothing (or nothing usable) was created: keep what was there before.
                if (!diags.HasErrors)
                {
                    diags.AddError("Provider produced an invalid answer", "Apply returned no object and no error. This is a bug in the provider.");
                }
                response.NewState = DynamicValues.Encode(prior.IsNull ? null : prior, type);
                response.NewIdentity = StoredIdentity(resource, prior, "after apply", diags);
                return;
            }
            if (!diags.HasErrors)
            {
                PlanChecker.CheckApply(block, planned, result.State, diags);
            }
            else if (!result.State.IsWhollyKnown)
            {
                // Partial failure: the client stores what we return, so it must be wholly known.
                response.NewState = DynamicValues.Encode(prior.IsNull ? null : prior, type);
                response.NewIdentity = StoredIdentity(resource, prior, "after apply", diags);
                return;
            }
            response.NewState = DynamicValues.Encode(result.State, type);
            response.NewIdentity = StoredIdentity(resource, result.State, "after apply", diags);
            if (result.Private is not null)
            {
                response.Private = ByteString.CopyFrom(result.Private);
            }
        }).ConfigureAwait(false);
        if (response.NewState is null && prior is not null)
        {
            response.NewState = DynamicValues.Encode(prior.IsNull ? null : prior, type);
        }
        return WithDiagnostics(response, response.Diagnostics, diags);
    }

    public override async Task<Proto.ImportResourceState.Types.Response> ImportResourceState(Proto.ImportResourceState.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.ImportResourceState.Types.Response();
        if (!runtime.Resources.TryGetValue(request.TypeName, out var resource))
        {
            response.Diagnostics.Add(Unknown("resource", request.TypeName));
            return response;
        }
        var diags = new DiagnosticBag();
        if (resource is not IImportState importer)
        {
            diags.AddError("Import not supported", $"{request.TypeName} cannot be imported.");
            return WithDiagnostics(response, response.Diagnostics, diags);
        }
        await GuardAsync(diags, $"importing {request.TypeName}", async () =>
        {
            var type = resource.Schema.ImpliedType;
            var id = request.Id;
            TfValue? given = null;
            if (request.Identity?.IdentityData is not null)
            {
                // Import by identity: the identity names the import id, then one import path for both.
                given = GivenIdentity(request.TypeName, resource, request.Identity, diags);
                var named = given is null ? null : ((IResourceIdentity)resource).ImportIdOf(given, runtime.ProviderData, diags);
                if (diags.HasErrors || named is null)
                {
                    if (!diags.HasErrors)
                    {
                        diags.AddError("Cannot import", $"No {request.TypeName} matches the identity {given}.");
                    }
                    return;
                }
                id = named;
            }
            var result = new ResourceResponse();
            using var cts = Linked(context);
            await CaptureAsync(result.Diagnostics, () => importer.ImportAsync(new ImportRequest(id, type, runtime.ProviderData) { Identity = given }, result, cts.Token)).ConfigureAwait(false);
            diags.AddRange(result.Diagnostics);
            if (diags.HasErrors || result.State is null)
            {
                if (!diags.HasErrors)
                {
                    diags.AddError("Cannot import", given is null
                        ? $"No {request.TypeName} matches the id \"{request.Id}\"."
                        : $"No {request.TypeName} matches the identity {given}.");
                }
                return;
            }
            var imported = new Proto.ImportResourceState.Types.ImportedResource
            {
                TypeName = request.TypeName,
                State = DynamicValues.Encode(result.State, type),
                Identity = ImportedIdentity(resource, result.State, given),
            };
            if (result.Private is not null)
            {
                imported.Private = ByteString.CopyFrom(result.Private);
            }
            response.ImportedResources.Add(imported);
        }).ConfigureAwait(false);
        return WithDiagnostics(response, response.Diagnostics, diags);
    }

    private static byte[]? Bytes(ByteString value) => value.IsEmpty ? null : value.ToByteArray();
}
