using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Schema;

[Trait(Tier.Name, Tier.Unit)]
public sealed class AttributeValidateTests
{
    private static SchemaAttribute A => new("v", TfType.String, "");

    public static TheoryData<string, SchemaAttribute> Invalid => new()
    {
        { "required and optional", A with { Required = true, Optional = true } },
        { "required and computed", A with { Required = true, Computed = true } },
        { "neither required, optional nor computed", A },
        { "default without computed", A with { Optional = true, Default = TfValue.String("x") } },
        { "write-only and computed", A with { Optional = true, Computed = true, WriteOnly = true } },
        { "write-only and requires replace", A with { Optional = true, WriteOnly = true, RequiresReplace = true } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_combination_is_rejected_naming_the_attribute(string why, SchemaAttribute attribute)
    {
        var ex = Assert.Throws<InvalidOperationException>(attribute.Validate);

        Assert.True(ex.Message.StartsWith("Attribute v:", StringComparison.Ordinal), why);
    }

    public static TheoryData<string, SchemaAttribute> Valid => new()
    {
        { "required", A with { Required = true } },
        { "optional", A with { Optional = true } },
        { "computed", A with { Computed = true } },
        { "optional + computed with a default", A with { Optional = true, Computed = true, Default = TfValue.String("x") } },
        { "optional write-only sensitive", A with { Optional = true, WriteOnly = true, Sensitive = true } },
        { "required write-only", A with { Required = true, WriteOnly = true } },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_combination_is_accepted(string why, SchemaAttribute attribute)
    {
        Assert.True(ReferenceEquals(attribute, attribute.Validate()), why);
    }
}
