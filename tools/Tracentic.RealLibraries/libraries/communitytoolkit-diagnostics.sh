# CommunityToolkit.Diagnostics: Guard/ThrowHelper ([DoesNotReturn], [NotNull], generic constraints, T4-generated
# *.g.cs sources), strong-named, IsAotCompatible, TreatWarningsAsErrors in Release, code style enforced in build.
REPO=CommunityToolkit/dotnet
COMMIT=b135626dd54d33b8f05f2ff31591592c004aa848
ANNOTATE=(src/CommunityToolkit.Diagnostics tests/CommunityToolkit.Diagnostics.UnitTests)
TEST_PROJECT=tests/CommunityToolkit.Diagnostics.UnitTests/CommunityToolkit.Diagnostics.UnitTests.csproj
TEST_FRAMEWORK=net10.0     # of net472;net8.0;net9.0;net10.0: the one whose runtime is installed
CONFIGURATION=Release
