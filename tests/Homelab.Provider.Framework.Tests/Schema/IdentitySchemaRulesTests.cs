using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Schema;

/// <summary>Identity schemas the clients would reject, or that could not import, are reported once, with the attribute named.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class IdentitySchemaRulesTests
{
    [Fact]
    public void A_valid_identity_has_no_problems()
    {
        Assert.Empty(SchemaRules.Check(new FakeProvider(new FakeIdentityResource())));
    }

    public static TheoryData<IdentityAttribute, string> BadAttributes => new()
    {
        { new IdentityAttribute("name", TfType.String, "Name."), "test_thing identity.name: exactly one of RequiredForImport and OptionalForImport must be set." },
        { new IdentityAttribute("name", TfType.String, "Name.") { RequiredForImport = true, OptionalForImport = true }, "test_thing identity.name: exactly one of RequiredForImport and OptionalForImport must be set." },
        { new IdentityAttribute("name", TfType.Map(TfType.String), "Name.") { OptionalForImport = true }, "test_thing identity.name: type [\"map\",\"string\"] is not allowed; an identity attribute is a string, number, bool or a list of one." },
        { new IdentityAttribute("Name", TfType.String, "Name.") { OptionalForImport = true }, "test_thing identity: attribute \"Name\" must be a unique lowercase name." },
        { new IdentityAttribute("id", TfType.String, "Again.") { OptionalForImport = true }, "test_thing identity: attribute \"id\" must be a unique lowercase name." },
        { new IdentityAttribute("name", TfType.String, " ") { OptionalForImport = true }, "test_thing identity.name: a description is required (editors and docs show it)." },
    };

    [Theory]
    [MemberData(nameof(BadAttributes))]
    public void A_bad_identity_attribute_is_reported_with_its_owner(IdentityAttribute bad, string problem)
    {
        var resource = new FakeIdentityResource
        {
            IdentitySchema = new IdentitySchema(0, [new IdentityAttribute("id", TfType.String, "Id.") { RequiredForImport = true }, bad]),
        };
        Assert.Equal(problem, Assert.Single(SchemaRules.Check(new FakeProvider(resource))));
    }

    [Fact]
    public void An_identity_nothing_is_required_for_cannot_import()
    {
        var resource = new FakeIdentityResource
        {
            IdentitySchema = new IdentitySchema(0, [new IdentityAttribute("id", TfType.String, "Id.") { OptionalForImport = true }]),
        };
        Assert.Equal("test_thing identity: at least one attribute must be required for import.", Assert.Single(SchemaRules.Check(new FakeProvider(resource))));
    }

    [Fact]
    public void A_negative_version_is_reported()
    {
        var resource = new FakeIdentityResource { IdentitySchema = FakeIdentityResource.Identity with { Version = -1 } };
        Assert.Equal("test_thing identity: the version must not be negative.", Assert.Single(SchemaRules.Check(new FakeProvider(resource))));
    }
}
