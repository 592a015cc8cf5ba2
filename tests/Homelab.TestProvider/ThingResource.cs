using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.TestProvider;

/// <summary>
/// <c>testfw_thing</c>: one of every schema feature. Schema version 1; version 0 called <c>name</c>
/// <c>label</c> and kept <c>size</c> as a string.
/// </summary>
internal sealed partial class ThingResource : IResource, IModifyPlan, IImportState, IUpgradeState, IValidateResourceConfig
{
    public const string PrivateMarker = "testfw-private-v1";

    private static readonly TfType RuleType = TfType.Object([
        KeyValuePair.Create("port", TfType.Number),
        KeyValuePair.Create("proto", TfType.String),
    ]);

    public string TypeName => "testfw_thing";

    public ResourceSchema Schema { get; } = new(1, new Block
    {
        Description = "A thing kept as a JSON file. Import id: the thing's `id`.",
        Attributes =
        [
            new SchemaAttribute("id", TfType.String, "Random identifier assigned on create.") { Computed = true, UseStateForUnknown = true },
            new SchemaAttribute("name", TfType.String, "Name of the thing.")
            {
                Required = true,
                Validators = [Validators.Matches(NamePattern(), "Must start with a lower-case letter, then up to 30 lower-case letters, digits or `-`.")],
            },
            new SchemaAttribute("size", TfType.Number, "Size; defaults to `1`.") { Optional = true, Computed = true, Default = TfValue.Number(1), Validators = [Validators.IntBetween(1, 1000)] },
            new SchemaAttribute("zone", TfType.String, "Zone; changing it replaces the thing.") { Optional = true, RequiresReplace = true },
            new SchemaAttribute("tags", TfType.Map(TfType.String), "Free-form tags. `protected = \"true\"` refuses destroy at plan time.") { Optional = true },
            new SchemaAttribute("revision", TfType.Number, "Counts updates.") { Computed = true },
            new SchemaAttribute("secret", TfType.String, "A sensitive value kept in state.") { Optional = true, Sensitive = true },
            new SchemaAttribute("password_wo", TfType.String, "Write-only password: never stored.") { Optional = true, Sensitive = true, WriteOnly = true },
            new SchemaAttribute("password_wo_version", TfType.Number, "Bump to apply a new `password_wo`.") { Optional = true },
            new SchemaAttribute("password_hash", TfType.String, "SHA-256 of the last applied password.") { Computed = true, UseStateForUnknown = true },
            new SchemaAttribute("private_ok", TfType.Bool, "Whether private state came back intact.") { Computed = true, UseStateForUnknown = true },
            new SchemaAttribute("slow_ms", TfType.Number, "Milliseconds to sleep in create/update.") { Optional = true },
            new SchemaAttribute("settings", new NestedAttributes(NestingMode.Single,
            [
                new SchemaAttribute("mode", TfType.String, "Mode.") { Optional = true, Validators = [Validators.OneOf("fast", "safe")] },
                new SchemaAttribute("level", TfType.Number, "Level; defaults to `3`.") { Optional = true, Computed = true, Default = TfValue.Number(3) },
            ]), "Nested settings.") { Optional = true },
            new SchemaAttribute("old_field", TfType.String, "Unused.") { Optional = true, DeprecationMessage = "Use `name` instead." },
        ],
        Blocks =
        [
            new NestedBlock("rule", new Block
            {
                Description = "A rule.",
                Attributes =
                [
                    new SchemaAttribute("port", TfType.Number, "Port.") { Required = true, Validators = [Validators.IntBetween(1, 65535)] },
                    new SchemaAttribute("proto", TfType.String, "Protocol; defaults to `tcp`.") { Optional = true, Computed = true, Default = TfValue.String("tcp") },
                ],
            }, NestingMode.List),
        ],
    });

    public IReadOnlyDictionary<long, StateUpgrader> StateUpgraders { get; } = new Dictionary<long, StateUpgrader>
    {
        [0] = new(TfType.Object([
            KeyValuePair.Create("id", TfType.String),
            KeyValuePair.Create("label", TfType.String),
            KeyValuePair.Create("size", TfType.String),
            KeyValuePair.Create("tags", TfType.Map(TfType.String)),
        ]), UpgradeFromV0),
    };

    public void ValidateConfig(TfValue config, DiagnosticBag diagnostics)
    {
        if (!config["password_wo"].IsNull && config["password_wo_version"].IsNull)
        {
            diagnostics.AddError("Missing password version", "Set password_wo_version whenever password_wo is set; bump it to apply a new password.", AttrPath.Attribute("password_wo_version"));
        }
    }

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        if (response.Planned is null)
        {
            if (request.Prior is { } prior && prior.GetStringMap("tags").ValueOr(new Dictionary<string, string>()).TryGetValue("protected", out var p) && p == "true")
            {
                response.Diagnostics.AddError("Thing is protected", "Remove the `protected` tag before destroying it.", AttrPath.Attribute("tags").Key("protected"));
            }
            return Task.CompletedTask;
        }
        var versionChanged = request.Prior is null || !request.Prior["password_wo_version"].Equals(response.Planned["password_wo_version"]);
        if (versionChanged)
        {
            response.Planned = response.Planned.With("password_hash", TfValue.Unknown(TfType.String));
        }
        return Task.CompletedTask;
    }

    public async Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        await Slow(request.Planned, cancellationToken).ConfigureAwait(false);
        var state = request.Planned
            .With("id", TfValue.String(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))))
            .With("revision", TfValue.Number(1))
            .With("private_ok", TfValue.True)
            .With("password_hash", Hash(request.Config));
        Store(request.ProviderData).Put(state.GetString("id").Get(), state, Schema.ImpliedType);
        response.State = state;
        response.Private = Encoding.UTF8.GetBytes(PrivateMarker);
    }

    public Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var stored = Store(request.ProviderData).Get(request.State.GetString("id").Get(), Schema.ImpliedType);
        response.State = stored?.With("private_ok", TfValue.Bool(request.Private is not null && Encoding.UTF8.GetString(request.Private) == PrivateMarker));
        return Task.CompletedTask;
    }

    public async Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        await Slow(request.Planned, cancellationToken).ConfigureAwait(false);
        var revision = request.Prior.GetInt64("revision").ValueOr(0) + 1;
        var state = request.Planned.With("revision", TfValue.Number(revision));
        if (state["password_hash"].IsUnknown)
        {
            state = state.With("password_hash", Hash(request.Config));
        }
        Store(request.ProviderData).Put(state.GetString("id").Get(), state, Schema.ImpliedType);
        response.State = state;
    }

    public Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        Store(request.ProviderData).Delete(request.Prior.GetString("id").Get());
        return Task.CompletedTask;
    }

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        if (!IdPattern().IsMatch(request.Id))
        {
            response.Diagnostics.AddError("Invalid import id", $"\"{request.Id}\" is not a thing id (16 lower-case hex digits).");
            return Task.CompletedTask;
        }
        response.State = TfValue.Object(request.Type, [KeyValuePair.Create("id", TfValue.String(request.Id))]);
        response.Private = Encoding.UTF8.GetBytes(PrivateMarker);
        return Task.CompletedTask;
    }

    private static TfValue UpgradeFromV0(TfValue v0, DiagnosticBag diagnostics)
    {
        var sizeText = v0.GetString("size").ValueOr("1");
        if (!TfNumber.TryParse(sizeText, out var size))
        {
            diagnostics.AddError("Cannot upgrade state", $"size \"{sizeText}\" is not a number.");
            size = TfNumber.FromInt64(1);
        }
        var type = new ThingResource().Schema.ImpliedType;
        return TfValue.Object(type,
        [
            KeyValuePair.Create("id", v0["id"]),
            KeyValuePair.Create("name", v0["label"]),
            KeyValuePair.Create("size", TfValue.Number(size)),
            KeyValuePair.Create("tags", v0["tags"]),
            KeyValuePair.Create("rule", TfValue.List(RuleType, [])),
        ]);
    }

    private static TfValue Hash(TfValue config) => config["password_wo"].IsNull
        ? TfValue.Null(TfType.String)
        : TfValue.String(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config.GetString("password_wo").Get()))));

    private static Task Slow(TfValue planned, CancellationToken cancellationToken) =>
        planned.GetInt64("slow_ms") is { IsKnown: true, Value: > 0 } ms ? Task.Delay((int)ms.Value, cancellationToken) : Task.CompletedTask;

    private static ObjectStore Store(object? providerData) =>
        providerData as ObjectStore ?? throw new InvalidOperationException("Provider not configured.");

    [GeneratedRegex(@"\A[a-z][a-z0-9-]{0,30}\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\A[0-9a-f]{16}\z")]
    private static partial Regex IdPattern();
}
