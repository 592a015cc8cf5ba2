using Homelab.Provider.Framework.Hosting;
using Homelab.TestProvider;

// The default options: named after the provider's type name, "testfw" (@module, TESTFW_PLUGIN_TRANSPORT, plugin-testfw-… sockets).
return await PluginHost.RunAsync(new TestFrameworkProvider(), args, "example.com/homelab/testfw").ConfigureAwait(false);
