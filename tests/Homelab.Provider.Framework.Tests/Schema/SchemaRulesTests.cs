using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Schema;

[Trait(Tier.Name, Tier.Unit)]
public sealed class SchemaRulesTests
{
    [Fact]
    public void A_default_of_the_wrong_type_is_reported_with_its_owner()
    {
        var provider = new RulesProvider(new SchemaAttribute("size", TfType.Number, "Size.") { Optional = true, Computed = true, Default = TfValue.String("1") });
        var problem = Assert.Single(SchemaRules.Check(provider));
        Assert.StartsWith("rules_thing: Attribute size: default of type \"string\" does not match \"number\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_state_for_unknown_on_a_non_computed_attribute_is_reported()
    {
        var provider = new RulesProvider(new SchemaAttribute("name", TfType.String, "Name.") { Required = true, UseStateForUnknown = true });
        Assert.Contains("UseStateForUnknown", Assert.Single(SchemaRules.Check(provider)), StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_inside_nested_attributes_name_the_path()
    {
        var nested = new NestedAttributes(NestingMode.Single, [new SchemaAttribute("inner", TfType.String, "Inner.")]);
        var provider = new RulesProvider(new SchemaAttribute("outer", nested, "Outer.") { Optional = true });
        Assert.StartsWith("rules_thing.outer: Attribute inner: must be required, optional or computed", Assert.Single(SchemaRules.Check(provider)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_schema_has_no_problems()
    {
        var provider = new RulesProvider(new SchemaAttribute("size", TfType.Number, "Size.") { Optional = true, Computed = true, Default = TfValue.Number(1), UseStateForUnknown = true });
        Assert.Empty(SchemaRules.Check(provider));
    }

    private sealed class RulesProvider(SchemaAttribute attribute) : IProvider
    {
        public string TypeName => "rules";

        public ResourceSchema Schema { get; } = new(0, new Block());

        public IReadOnlyList<IResource> Resources { get; } = [new RulesResource(attribute)];

        public IReadOnlyList<IDataSource> DataSources { get; } = [];

        public Task<object?> ConfigureAsync(TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken) =>
            Task.FromResult<object?>(null);
    }

    private sealed class RulesResource(SchemaAttribute attribute) : IResource
    {
        public string TypeName => "rules_thing";

        public ResourceSchema Schema { get; } = new(0, new Block { Attributes = [attribute] });

        public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
