package serve

import (
	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"google.golang.org/grpc"

	"github.com/atlasx/terraform-provider-atlasx/internal/finalplan"
)

// handshake is protocol 6's, as tf6server.Serve sends it: the CLI starts
// only plugins that know this cookie.
var handshake = plugin.HandshakeConfig{
	ProtocolVersion:  6,
	MagicCookieKey:   "TF_PLUGIN_MAGIC_COOKIE",
	MagicCookieValue: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
}

// maxMessageSize is tf6server's limit on one gRPC message each way (256 MiB).
const maxMessageSize = 256 << 20

// Protocol6 serves server under address over protocol 6 until the CLI ends
// the process, as tf6server.Serve does, with one addition that
// tf6server.Serve has no option for: a gRPC interceptor that hands the final
// plan of a change the private data its first plan stored (see finalplan).
// test, when set, serves in go-plugin's test mode, for a CLI to reattach to;
// logger is go-plugin's own (nil: its default); opts configure the SDK's
// server (tf6server.WithLoggingSink and the like; its debug options are
// test's job here).
func Protocol6(address string, server func() tfprotov6.ProviderServer, test *plugin.ServeTestConfig, logger hclog.Logger, opts ...tf6server.ServeOpt) {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: handshake,
		Plugins: plugin.PluginSet{
			"provider": &tf6server.GRPCProviderPlugin{GRPCProvider: server, Opts: opts, Name: address},
		},
		GRPCServer: func(options []grpc.ServerOption) *grpc.Server {
			return grpc.NewServer(append(options,
				grpc.MaxRecvMsgSize(maxMessageSize),
				grpc.MaxSendMsgSize(maxMessageSize),
				grpc.ChainUnaryInterceptor(finalplan.UnaryServerInterceptor),
			)...)
		},
		Logger: logger,
		Test:   test,
	})
}
