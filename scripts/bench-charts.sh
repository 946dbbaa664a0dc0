#!/usr/bin/env bash
# Times drawing every chart kind for every bundled scenario, in SVG and PNG (median of 10 runs
# of the whole set), and prints the release binary's size. Needs hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
bin=$PWD/target/release/tunecalc
out=$(mktemp -d)
cat > "$out/all.sh" <<SH
set -e
for f in scenarios/*.toml; do
  b=\$(basename "\$f" .toml)
  for k in cumulative volume sensitivity; do
    for ext in svg png; do "$bin" chart "\$f" --kind \$k -o "$out/\$b-\$k.\$ext" 2>/dev/null; done
  done
done
"$bin" chart scenarios/ --kind compare -o "$out/compare.svg" 2>/dev/null
"$bin" chart scenarios/ --kind compare -o "$out/compare.png" 2>/dev/null
SH
echo "binary size: $(stat -c %s "$bin") bytes"
hyperfine --warmup 1 --runs 10 "bash $out/all.sh" --export-json "$out/h.json"
python3 -c "import json;r=json.load(open('$out/h.json'))['results'][0];print('median for all charts: %.0f ms' % (r['median']*1000))"
echo "charts drawn per run: $(ls "$out" | grep -c -E '\.(svg|png)$')"
rm -rf "$out"
