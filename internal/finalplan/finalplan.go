// Package finalplan hands a resource's final plan the private data that its
// first plan stored.
//
// Terraform plans every change twice: once in the plan, and again just
// before it applies the change (the final plan), in another provider
// process when the CLI runs each walk in its own. Since 1.16, Terraform keeps
// the private data the first plan returned and sends it with the final plan
// (PlanResourceChange.Request field 9, planned_private, announced by the
// client capability store_planned_private), so that a provider can skip
// there what its plan already did. terraform-plugin-go v0.31 does not decode
// that field, so this package reads it from the gRPC request before the SDK
// converts it, and puts it in the request's context. OpenTofu and older
// Terraform do not send it: there HasKey is always false.
package finalplan

import (
	"context"
	"encoding/json"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// planResourceChange is the gRPC method of protocol 6 that carries plans.
const planResourceChange = "/tfplugin6.Provider/PlanResourceChange"

// plannedPrivateField is planned_private's number in PlanResourceChange.Request.
const plannedPrivateField protowire.Number = 9

type contextKey struct{}

// UnaryServerInterceptor puts the planned private data of a
// PlanResourceChange request, when Terraform sends it, into the context the
// provider's plan runs in.
func UnaryServerInterceptor(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	if info.FullMethod == planResourceChange {
		if message, ok := req.(proto.Message); ok {
			if private := plannedPrivate(message.ProtoReflect()); len(private) > 0 {
				ctx = context.WithValue(ctx, contextKey{}, private)
			}
		}
	}
	return handler(ctx, req)
}

// plannedPrivate reads field 9 of a PlanResourceChange request: from the
// unknown fields while the SDK's schema of the message lacks it, or as a
// known field once an SDK release has it.
func plannedPrivate(request protoreflect.Message) []byte {
	if field := request.Descriptor().Fields().ByNumber(plannedPrivateField); field != nil {
		if field.Kind() != protoreflect.BytesKind {
			return nil
		}
		return request.Get(field).Bytes()
	}
	for b := request.GetUnknown(); len(b) > 0; {
		number, wireType, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil
		}
		b = b[n:]
		if number == plannedPrivateField && wireType == protowire.BytesType {
			value, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return nil
			}
			return value
		}
		if n = protowire.ConsumeFieldValue(number, wireType, b); n < 0 {
			return nil
		}
		b = b[n:]
	}
	return nil
}

// HasKey reports whether the private data that the first plan of this
// change stored holds key, as set with the framework's Private.SetKey. Its
// encoding is the framework's: a JSON object of every key set.
func HasKey(ctx context.Context, key string) bool {
	private, _ := ctx.Value(contextKey{}).([]byte)
	if len(private) == 0 {
		return false
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(private, &keys) != nil {
		return false
	}
	_, found := keys[key]
	return found
}
