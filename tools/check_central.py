#!/usr/bin/env python3
"""Checks a Maven repository directory the way Maven Central's validation does (signatures aside).

    ./mvnw deploy -DskipTests -DaltDeploymentRepository=local::file:///tmp/central-check
    tools/check_central.py /tmp/central-check

For every deployed POM: name, description, url, licences, developers and scm are present, no
unresolved ${...} and no <parent> (the POMs are flattened); for every jar artifact: the -sources and
-javadoc jars; for every file: .md5 and .sha1 checksums that match. Exit status 1 on any problem.
"""
import hashlib
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
REQUIRED = ["name", "description", "url", "licenses/m:license/m:name", "developers/m:developer",
            "scm/m:url"]


def main(root):
    root = pathlib.Path(root)
    problems, artifacts = [], 0
    for pom in sorted(root.rglob("*.pom")):
        artifacts += 1
        text = pom.read_text()
        model = ET.fromstring(text)
        for path in REQUIRED:
            el = model.find("m:" + path, NS)
            if el is None or (len(el) == 0 and not (el.text or "").strip()):
                problems.append(f"{pom.name}: no <{path.replace('m:', '')}>")
        if model.find("m:parent", NS) is not None:
            problems.append(f"{pom.name}: has a <parent> (not flattened)")
        for el in model.iter():
            # ${project.version} in a BOM's dependencyManagement is resolved by the importer.
            if el.text and "${" in el.text and el.text.strip() != "${project.version}":
                problems.append(f"{pom.name}: unresolved {el.text.strip()}")
        packaging = model.findtext("m:packaging", "jar", NS)
        if packaging == "jar":
            stem = pom.with_suffix("")
            for suffix in (".jar", "-sources.jar", "-javadoc.jar"):
                if not pathlib.Path(str(stem) + suffix).exists():
                    problems.append(f"{pom.name}: no {stem.name}{suffix}")
    for f in sorted(root.rglob("*")):
        if not f.is_file() or f.suffix in (".md5", ".sha1", ".sha256", ".sha512"):
            continue
        for algo in ("md5", "sha1"):
            sum_file = pathlib.Path(str(f) + "." + algo)
            if not sum_file.exists():
                problems.append(f"{f.name}: no .{algo}")
            elif sum_file.read_text().split()[0] != hashlib.new(algo, f.read_bytes()).hexdigest():
                problems.append(f"{f.name}: wrong .{algo}")
    for p in problems:
        print("central-check:", p)
    print(f"central-check: {artifacts} artifacts, {len(problems)} problems")
    return 1 if problems or artifacts == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
