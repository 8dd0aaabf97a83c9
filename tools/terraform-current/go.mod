// Pins the current Terraform CLI (1.16) for the acceptance tests, beside 1.5.7 in tools/terraform.
// scripts/build-terraform-current.sh builds it from this module's source: a go build here cannot,
// because Terraform's go.mod replaces nested modules with directories its module zip leaves out.
// So nothing imports it, and `go mod tidy` would drop the requirement and `go get` fails. To bump:
// edit the version below, empty go.sum, and run `go mod download github.com/hashicorp/terraform`
// here, which writes the two hashes go.sum needs, checked against the checksum database.
module atlasx/tools/terraform-current

go 1.26.8

require github.com/hashicorp/terraform v1.16.3
