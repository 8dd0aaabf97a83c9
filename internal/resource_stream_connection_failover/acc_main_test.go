package resource_stream_connection_failover_test

import (
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }
