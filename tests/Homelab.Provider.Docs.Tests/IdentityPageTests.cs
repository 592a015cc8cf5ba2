using Homelab.Provider.Docs.Tests.TestKit;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;

namespace Homelab.Provider.Docs.Tests;

/// <summary>A resource that declares an identity gets an "Import by identity" example and its identity attributes.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class IdentityPageTests : IDisposable
{
    private readonly TempDir _examples = new("hl-docs-identity");

    public void Dispose() => _examples.Dispose();

    [Fact]
    public void A_single_required_attribute_takes_the_cli_examples_id()
    {
        _examples.Write("resources/fake_thing/import.sh", "terraform import fake_thing.one one\n");

        var page = Page(new IdentityResource(new IdentitySchema(0,
        [
            new IdentityAttribute("remote", TfType.String, "The remote.") { OptionalForImport = true },
            new IdentityAttribute("name", TfType.String, "The name.") { RequiredForImport = true },
        ])));

        Assert.EndsWith("""
            ### Import by identity

            With Terraform 1.12+ or OpenTofu 1.12+, an `import` block can name the object by its identity instead of an id:

            ```terraform
            import {
              to = fake_thing.one
              identity = {
                name = "one"
              }
            }
            ```

            Identity attributes:

            - `name` (String, Required) The name.
            - `remote` (String, Optional) The remote.

            """, page, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_required_attributes_get_placeholders()
    {
        _examples.Write("resources/fake_thing/import.sh", "terraform import fake_thing.one eu/one\n");

        var page = Page(new IdentityResource(new IdentitySchema(0,
        [
            new IdentityAttribute("region", TfType.String, "The region.") { RequiredForImport = true },
            new IdentityAttribute("name", TfType.String, "The name.") { RequiredForImport = true },
        ])));

        Assert.Contains("  identity = {\n    region = \"<region>\"\n    name   = \"<name>\"\n  }\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_without_identity_has_no_identity_section()
    {
        var page = DocsGenerator.Generate(new FakeProvider(new Block(), [new FakeResource("fake_thing", Schema)]), new ExampleFiles(_examples.Path)).Files["resources/thing.md"];

        Assert.Contains("## Import", page, StringComparison.Ordinal);
        Assert.DoesNotContain("identity", page, StringComparison.Ordinal);
    }

    private static readonly Block Schema = new()
    {
        Description = "A thing.",
        Attributes = [new SchemaAttribute("name", TfType.String, "Name.") { Required = true }],
    };

    private string Page(IResource resource) =>
        DocsGenerator.Generate(new FakeProvider(new Block(), [resource]), new ExampleFiles(_examples.Path)).Files["resources/thing.md"];

    private sealed class IdentityResource(IdentitySchema identity) : IResource, IImportState, IResourceIdentity
    {
        public string TypeName => "fake_thing";

        public ResourceSchema Schema { get; } = new(0, IdentityPageTests.Schema);

        public IdentitySchema IdentitySchema => identity;

        public TfValue IdentityOf(TfValue state, object? providerData) => throw new NotSupportedException();

        public string? ImportIdOf(TfValue identity, object? providerData, DiagnosticBag diagnostics) => throw new NotSupportedException();

        public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
