#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks of Annals' desktop integration data: the desktop entry, AppStream
# metainfo, GSettings schema, MIME type, Flatpak manifest, the application
# id across all of them, the installed tree, and the Russian translation.
#
# Usage: check-data.py CHECK ARGS...   (see the CHECKS table at the end)
# Exit status 0 pass, 1 fail, 77 skip (meson's convention).

import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = 'io.github.annalsapp.Annals'
SKIP = 77


class Failure(Exception):
    pass


def in_flatpak_build():
    return 'FLATPAK_ID' in os.environ or os.path.exists('/.flatpak-info')


def need_tool(name):
    """Returns the path of a tool; a missing tool fails the check, except
    inside a Flatpak build sandbox, whose SDK may lack it: there it skips."""
    path = shutil.which(name)
    if path is None:
        if in_flatpak_build():
            print(f'SKIP: {name} is not available in the Flatpak build sandbox')
            sys.exit(SKIP)
        raise Failure(f'{name} not found in PATH')
    return path


def run(argv, env=None, check_status=True):
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, text=True)
    if check_status and proc.returncode != 0:
        raise Failure('{} exited with status {}:\n{}{}'.format(
            ' '.join(argv), proc.returncode, proc.stdout, proc.stderr))
    return proc


def read_json_manifest(path):
    # flatpak-builder allows /* */ comments in JSON manifests.
    with open(path, encoding='utf-8') as f:
        text = re.sub(r'/\*.*?\*/', '', f.read(), flags=re.S)
    return json.loads(text)


def read_desktop(path):
    entries = {}
    group = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('[') and line.endswith(']'):
                group = line[1:-1]
            elif group == 'Desktop Entry' and '=' in line and not line.startswith('#'):
                key, value = line.split('=', 1)
                entries[key.strip()] = value.strip()
    return entries


# --- checks -----------------------------------------------------------------

def check_desktop(desktop):
    """desktop-file-validate exits 0 on warnings and hints: any output fails."""
    tool = need_tool('desktop-file-validate')
    proc = run([tool, desktop], check_status=False)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0 or output:
        raise Failure(f'desktop-file-validate {desktop} (status {proc.returncode}):\n{output}')
    print(f'{desktop}: valid, no messages')


def check_appstream(metainfo):
    """appstreamcli validate --no-net must pass with no message, except the
    one that AppStream 0.16 (Debian 12) gives for the <developer> tag, which
    it does not know and current AppStream requires."""
    tool = need_tool('appstreamcli')
    proc = run([tool, 'validate', '--no-net', '--no-color', metainfo], check_status=False)
    if proc.returncode != 0:
        raise Failure(f'appstreamcli validate failed (status {proc.returncode}):\n'
                      f'{proc.stdout}{proc.stderr}')
    messages = []
    tolerated = []
    for line in (proc.stdout + proc.stderr).splitlines():
        line = line.strip()
        if not line or 'Validation was successful' in line:
            continue
        if re.fullmatch(rf'I: {re.escape(APP_ID)}:\d+: unknown-tag developer', line):
            tolerated.append(line)
        else:
            messages.append(line)
    if messages or len(tolerated) > 1:
        raise Failure('appstreamcli validate gave messages:\n' + '\n'.join(messages + tolerated))
    # The tolerated message must really be about <developer>, and the tag must be there.
    root = ET.parse(metainfo).getroot()
    if root.find('developer') is None or not root.findtext('developer/name', '').strip():
        raise Failure(f'{metainfo}: <developer> with a <name> is missing')
    print(f'{metainfo}: valid' + (f' (tolerated: {tolerated[0]})' if tolerated else ''))


def check_schema(schema_dir):
    tool = need_tool('glib-compile-schemas')
    proc = run([tool, '--strict', '--dry-run', schema_dir], check_status=False)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0 or output:
        raise Failure(f'glib-compile-schemas --strict {schema_dir} (status {proc.returncode}):\n{output}')
    print(f'{schema_dir}: schemas compile strictly')


def check_mime(mime_xml):
    """The MIME package installs cleanly and maps *.annals to our type, a
    sub-class of SQLite databases."""
    tool = need_tool('update-mime-database')
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, 'packages'))
        shutil.copy(mime_xml, os.path.join(tmp, 'packages', os.path.basename(mime_xml)))
        proc = run([tool, '-V', tmp], check_status=False)
        if proc.returncode != 0 or re.search(r'(?i)warning|error', proc.stdout + proc.stderr):
            raise Failure(f'update-mime-database: {proc.stdout}{proc.stderr}')
        with open(os.path.join(tmp, 'globs2'), encoding='utf-8') as f:
            globs = [line.strip().split(':') for line in f if not line.startswith('#')]
        types = {g[1] for g in globs if len(g) >= 3 and g[2] == '*.annals'}
        if len(types) != 1:
            raise Failure(f'*.annals maps to {sorted(types)}, expected exactly one type')
        mime_type = types.pop()
        with open(os.path.join(tmp, 'subclasses'), encoding='utf-8') as f:
            parents = [line.split()[1] for line in f if line.split()[0] == mime_type]
        if 'application/vnd.sqlite3' not in parents:
            raise Failure(f'{mime_type} is not a sub-class of application/vnd.sqlite3')
    print(f'*.annals is {mime_type}, a sub-class of application/vnd.sqlite3')
    return mime_type


def check_manifest(manifest):
    tool = need_tool('flatpak-builder')
    # flatpak-builder makes a .flatpak-builder folder in its working folder.
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run([tool, '--show-manifest', os.path.abspath(manifest)], cwd=tmp,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise Failure(f'flatpak-builder --show-manifest {manifest}:\n{proc.stderr}')
    m = json.loads(proc.stdout)
    expected_args = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']
    problems = []
    if m.get('id', m.get('app-id')) != APP_ID:
        problems.append(f'id is {m.get("id")!r}')
    if m.get('runtime') != 'org.gnome.Platform' or m.get('sdk') != 'org.gnome.Sdk':
        problems.append('runtime/sdk are not org.gnome.Platform/Sdk')
    if not re.fullmatch(r'[0-9]+', str(m.get('runtime-version', ''))) or int(m['runtime-version']) < 50:
        problems.append(f'runtime-version {m.get("runtime-version")!r} is not a stable branch >= 50')
    if m.get('command') != 'annals':
        problems.append(f'command is {m.get("command")!r}')
    if sorted(m.get('finish-args', [])) != sorted(expected_args):
        problems.append(f'finish-args are {m.get("finish-args")}, expected exactly {expected_args}')
    app = [mod for mod in m.get('modules', []) if isinstance(mod, dict) and mod.get('name') == 'annals']
    if len(app) != 1:
        problems.append('no module named annals')
    else:
        app = app[0]
        if app.get('buildsystem') != 'meson' or not app.get('run-tests'):
            problems.append('the annals module is not meson with run-tests')
        if not any(s.get('type') == 'dir' and s.get('path') == '..' for s in app.get('sources', [])):
            problems.append('the annals module is not built from the local tree (dir ..)')
    if problems:
        raise Failure(f'{manifest}:\n  ' + '\n  '.join(problems))
    print(f'{manifest}: parsed by flatpak-builder; id, runtime {m["runtime-version"]}, command and finish-args as required')


def check_app_id(source_dir, build_dir):
    """One application id everywhere."""
    found = {}
    manifest = read_json_manifest(os.path.join(source_dir, 'flatpak', f'{APP_ID}.json'))
    found['flatpak manifest id'] = manifest.get('id', manifest.get('app-id'))

    with open(os.path.join(source_dir, 'meson.build'), encoding='utf-8') as f:
        match = re.search(r"^application_id\s*=\s*'([^']*)'", f.read(), re.M)
    found['meson.build application_id'] = match.group(1) if match else None

    desktop_in = os.path.join(source_dir, 'data', f'{APP_ID}.desktop.in')
    found['desktop file Icon'] = read_desktop(desktop_in).get('Icon')
    desktop = os.path.join(build_dir, 'data', f'{APP_ID}.desktop')
    found['built desktop file name'] = os.path.basename(desktop)[:-len('.desktop')] if os.path.exists(desktop) else None

    root = ET.parse(os.path.join(source_dir, 'data', f'{APP_ID}.metainfo.xml.in')).getroot()
    found['metainfo id'] = root.findtext('id')
    launchable = root.findtext("launchable[@type='desktop-id']") or ''
    found['metainfo launchable'] = launchable[:-len('.desktop')] if launchable.endswith('.desktop') else launchable

    # The desktop file opens the MIME type of Annals databases.
    mime_root = ET.parse(os.path.join(source_dir, 'data', f'{APP_ID}.mime.xml.in')).getroot()
    mime_types = [t.get('type') for t in mime_root]
    desktop_types = read_desktop(desktop_in).get('MimeType', '').split(';')
    for mime_type in mime_types:
        found['desktop MimeType ' + mime_type] = APP_ID if mime_type in desktop_types \
            else f'{mime_type} missing from MimeType'

    # Screenshots are referenced by raw URLs of this repository: each must be a file here.
    raw = 'https://raw.githubusercontent.com/annalsapp/annals/main/'
    shots = [image.text.strip() for image in root.findall('screenshots/screenshot/image')]
    if not shots:
        found['metainfo screenshots'] = 'none'
    for url in shots:
        path = url[len(raw):] if url.startswith(raw) else None
        found['screenshot ' + url] = APP_ID if path and os.path.isfile(os.path.join(source_dir, path)) \
            else f'{url}: not a file of this repository'

    schema = ET.parse(os.path.join(source_dir, 'data', f'{APP_ID}.gschema.xml')).getroot()
    ids = [s.get('id') for s in schema.findall('schema')]
    found['schema id'] = ids[0] if len(ids) == 1 else repr(ids)
    found['schema path'] = schema.find('schema').get('path') if ids else None

    gresource = ET.parse(os.path.join(source_dir, 'resources', 'annals.gresource.xml')).getroot()
    found['gresource prefix'] = gresource.find('gresource').get('prefix')

    for icon in (f'data/icons/hicolor/scalable/apps/{APP_ID}.svg',
                 f'data/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg'):
        found['icon ' + os.path.basename(icon)] = APP_ID if os.path.exists(os.path.join(source_dir, icon)) else None

    problems = []
    for what, value in found.items():
        want = '/' + APP_ID.replace('.', '/') + '/' if what in ('schema path',) else \
            '/' + APP_ID.replace('.', '/') if what == 'gresource prefix' else APP_ID
        if value != want:
            problems.append(f'{what}: {value!r}, expected {want!r}')

    # The code: the application id comes from config.h, and any literal id
    # or resource path in the sources is this one.
    uses_macro = False
    id_pattern = re.compile(r'io\.github\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)?')
    path_pattern = re.compile(r'/io/github/[A-Za-z0-9_]+(?:/[A-Za-z0-9_]+)?')
    for top in ('src', 'ui', 'resources'):
        for dirpath, _, files in os.walk(os.path.join(source_dir, top)):
            for name in files:
                path = os.path.join(dirpath, name)
                try:
                    with open(path, encoding='utf-8') as f:
                        text = f.read()
                except (UnicodeDecodeError, OSError):
                    continue
                if re.search(r'"application-id",\s*APPLICATION_ID', text):
                    uses_macro = True
                for m in id_pattern.findall(text):
                    if m != APP_ID:
                        problems.append(f'{os.path.relpath(path, source_dir)}: other id {m!r}')
                for m in path_pattern.findall(text):
                    if m != '/' + APP_ID.replace('.', '/'):
                        problems.append(f'{os.path.relpath(path, source_dir)}: other resource path {m!r}')
    if not uses_macro:
        problems.append('src/: no GApplication is created with "application-id", APPLICATION_ID')

    if problems:
        raise Failure('application id mismatch:\n  ' + '\n  '.join(problems))
    for what in found:
        print(f'{what}: ok')
    print(f'src/: application-id from APPLICATION_ID; every literal id is {APP_ID}')


def check_install(build_dir, prefix, manifest_path):
    """meson install --destdir: the tree holds the manifest's command and
    every file the metainfo names."""
    meson = os.environ.get('MESON') or need_tool('meson')
    with tempfile.TemporaryDirectory() as destdir:
        run([meson, 'install', '-C', build_dir, '--no-rebuild', '--quiet', '--destdir', destdir])
        root = os.path.join(destdir, prefix.lstrip('/'))
        share = os.path.join(root, 'share')
        need = {}

        manifest = read_json_manifest(manifest_path)
        need['manifest command'] = os.path.join(root, 'bin', manifest['command'])

        metainfo = os.path.join(share, 'metainfo', f'{APP_ID}.metainfo.xml')
        need['metainfo'] = metainfo
        if os.path.exists(metainfo):
            component = ET.parse(metainfo).getroot()
            for launchable in component.findall("launchable[@type='desktop-id']"):
                need['launchable ' + launchable.text] = os.path.join(share, 'applications', launchable.text)
            for binary in component.findall('provides/binary'):
                need['binary ' + binary.text] = os.path.join(root, 'bin', binary.text)
            need['icon of ' + component.findtext('id')] = os.path.join(
                share, 'icons', 'hicolor', 'scalable', 'apps', component.findtext('id') + '.svg')
            for mediatype in component.findall('provides/mediatype'):
                need['mediatype ' + mediatype.text] = (os.path.join(share, 'mime', 'packages', f'{APP_ID}.xml'),
                                                       mediatype.text)
            for translation in component.findall("translation[@type='gettext']"):
                need['translation ' + translation.text] = os.path.join(
                    share, 'locale', 'ru', 'LC_MESSAGES', translation.text + '.mo')

        desktop = os.path.join(share, 'applications', f'{APP_ID}.desktop')
        if os.path.exists(desktop):
            entry = read_desktop(desktop)
            need['desktop Exec'] = os.path.join(root, 'bin', entry.get('Exec', '').split()[0])
            need['desktop Icon'] = os.path.join(share, 'icons', 'hicolor', 'scalable', 'apps',
                                                entry.get('Icon', '') + '.svg')
        need['symbolic icon'] = os.path.join(share, 'icons', 'hicolor', 'symbolic', 'apps',
                                             f'{APP_ID}-symbolic.svg')
        need['GSettings schema'] = os.path.join(share, 'glib-2.0', 'schemas', f'{APP_ID}.gschema.xml')
        need['bundled sample'] = os.path.join(share, 'annals', 'sample', 'sco-defence-ministers-2022.txt')
        need['man page annals'] = os.path.join(share, 'man', 'man1', 'annals.1')
        need['man page annals-cli'] = os.path.join(share, 'man', 'man1', 'annals-cli.1')

        problems = []
        for what, path in need.items():
            content = None
            if isinstance(path, tuple):
                path, content = path
            rel = os.path.relpath(path, destdir)
            if not os.path.isfile(path):
                problems.append(f'{what}: {rel} is missing')
            elif what.startswith(('binary', 'manifest', 'desktop Exec')) and not os.access(path, os.X_OK):
                problems.append(f'{what}: {rel} is not executable')
            elif content is not None and f'type="{content}"' not in open(path, encoding='utf-8').read():
                problems.append(f'{what}: {rel} does not declare {content}')
            else:
                print(f'{what}: {rel}')
        if problems:
            raise Failure('installed tree incomplete:\n  ' + '\n  '.join(problems))


def shown(message, output):
    return re.search(rf'(?:^|^\s*|\s\s){re.escape(message)}\s*$', output, re.M) is not None


def check_l10n(cli, mo_file, commands):
    """annals-cli --help and every COMMAND --help under LANGUAGE=ru: each of
    our strings that the English output shows comes out translated."""
    if not os.path.exists(mo_file):
        raise Failure(f'{mo_file} was not built')
    with open(mo_file, 'rb') as f:
        catalog = gettext.GNUTranslations(f)._catalog
    localedir = os.path.dirname(os.path.dirname(os.path.dirname(mo_file)))

    env = dict(os.environ)
    env.pop('LANGUAGE', None)
    env.update(LC_ALL='C.UTF-8', LANG='C.UTF-8', ANNALS_LOCALEDIR=localedir)
    env_ru = dict(env, LANGUAGE='ru')

    problems = []
    total = 0
    for command in [''] + commands:
        argv = [cli] + command.split() + ['--help']
        english = run(argv, env=env)
        russian = run(argv, env=env_ru)
        checked = 0
        for msgid, msgstr in catalog.items():
            if isinstance(msgid, tuple) or not msgid or '%' in msgid or '\n' in msgid:
                continue
            # A message is shown when it makes a whole line or the end of a
            # line after a column gap ("  import     Add events …").
            if shown(msgid, english.stdout):
                checked += 1
                if not shown(msgstr, russian.stdout):
                    problems.append(f'{" ".join(argv)}: “{msgid}” not shown as “{msgstr}”')
                elif msgstr != msgid and shown(msgid, russian.stdout):
                    problems.append(f'{" ".join(argv)}: “{msgid}” left in English')
        if not re.search('[А-Яа-яЁё]', russian.stdout):
            problems.append(f'{" ".join(argv)}: no Russian in the output:\n{russian.stdout}')
        if checked == 0:
            problems.append(f'{" ".join(argv)}: none of its output is a translatable string of ours:\n'
                            f'{english.stdout}')
        total += checked
        print(f'{" ".join(["annals-cli"] + command.split() + ["--help"])}: {checked} strings in Russian')
    if problems:
        raise Failure('\n'.join(problems))
    print(f'{total} strings checked')


MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(|translatable="yes"')


def check_po(source_dir, po_file):
    """POTFILES.in lists exactly the files with translatable strings, and
    the translation has every message of them, none fuzzy."""
    with open(os.path.join(source_dir, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]
    problems = [f'POTFILES.in: {path} does not exist' for path in listed
                if not os.path.isfile(os.path.join(source_dir, path))]

    wanted = {f'data/{APP_ID}.desktop.in', f'data/{APP_ID}.metainfo.xml.in',
              f'data/{APP_ID}.mime.xml.in', f'data/{APP_ID}.gschema.xml'}
    for top in ('src', 'ui'):
        for dirpath, _, files in os.walk(os.path.join(source_dir, top)):
            for name in files:
                if not name.endswith(('.c', '.h', '.ui')):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    if MARKERS.search(f.read()):
                        wanted.add(os.path.relpath(path, source_dir))
    problems += [f'POTFILES.in: {path} has translatable strings but is not listed'
                 for path in sorted(wanted - set(listed))]

    xgettext = need_tool('xgettext')
    msgfmt = need_tool('msgfmt')
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'annals.pot')
        run([xgettext, '--from-code=UTF-8', '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2',
             '--keyword=NC_:1c,2', '--keyword=g_dngettext:2,3', '--keyword=ngettext:1,2', '--keyword=g_dpgettext2:2c,3',
             '-D', source_dir, '-o', pot] + [p for p in listed
                                            if os.path.isfile(os.path.join(source_dir, p))])
        mo = os.path.join(tmp, 'ru.mo')
        proc = run([msgfmt, '--check', '--statistics', '-o', mo, po_file])
        with open(mo, 'rb') as f:
            catalog = gettext.GNUTranslations(f)._catalog
        with open(pot, 'rb') as f:
            pot_text = f.read().decode('utf-8')
    messages = 0
    for entry in pot_text.split('\n\n'):
        ctx = re.search(r'^msgctxt ((?:".*"\n?)+)', entry, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        plural = re.search(r'^msgid_plural ', entry, re.M)
        if not msgid:
            continue
        text = ''.join(eval(line) for line in msgid.group(1).split('\n') if line)
        if not text:
            continue
        if ctx:
            text = ''.join(eval(line) for line in ctx.group(1).split('\n') if line) + '\x04' + text
        messages += 1
        # xgettext stops a string at a macro such as G_GINT64_FORMAT: the
        # message ends in a bare "%", and the program looks up another
        # string at run time, which is never translated.
        if re.search(r'(?<!%)%$', text.split('\x04')[-1]):
            problems.append(f'a message is cut short at a format macro, format the number apart: {text!r}')
        key = (text, 0) if plural else text
        if not catalog.get(key):
            problems.append(f'{os.path.basename(po_file)}: not translated: {text!r}')
        elif plural and not all(catalog.get((text, n)) for n in range(3)):
            problems.append(f'{os.path.basename(po_file)}: plural forms missing: {text!r}')
    if problems:
        raise Failure('\n'.join(problems))
    print(f'POTFILES.in lists the {len(listed)} files with strings; '
          f'{os.path.basename(po_file)} translates all {messages} messages ({proc.stderr.strip()})')


def check_man(cli, man_page):
    """The man page documents every command of annals-cli --help and every
    long option of each command's --help."""
    text = open(man_page, encoding='utf-8').read().replace('\\-', '-')
    env = dict(os.environ, LC_ALL='C.UTF-8', LANG='C.UTF-8')
    env.pop('LANGUAGE', None)
    usage = run([cli, '--help'], env=env).stdout
    commands = []
    in_commands = False
    for line in usage.splitlines():
        if line.endswith(':') and not line.startswith(' '):
            in_commands = line.startswith('Commands')
            continue
        match = re.match(r'^  ([a-z][a-z-]*)\s', line)
        if in_commands and match:
            commands.append(match.group(1))
    if not commands:
        raise Failure(f'no commands found in annals-cli --help:\n{usage}')
    bench = run([cli, 'bench', '--help'], env=env)
    for line in (bench.stdout + bench.stderr).splitlines():
        match = re.match(r'^  ([a-z]+)\s', line)
        if match:
            commands.append('bench ' + match.group(1))
    problems = []
    checked = 0
    for command in commands:
        if command == 'bench':
            continue
        if not re.search(rf'^\.SS "{re.escape(command)}[ "\\]', text, re.M):
            problems.append(f'{man_page}: no section for “{command}”')
        help_text = run([cli] + command.split() + ['--help'], env=env).stdout
        for option in sorted(set(re.findall(r'(?<![\w-])(--[a-z][a-z-]*)', help_text)) - {'--help', '--help-all'}):
            checked += 1
            if not re.search(re.escape(option) + r'(?![a-z-])', text):
                problems.append(f'{man_page}: {command} {option} is not documented')
    if problems:
        raise Failure('\n'.join(problems))
    print(f'{len(commands)} commands and {checked} options of annals-cli are in {os.path.basename(man_page)}')


CHECKS = {
    'desktop': check_desktop,        # DESKTOP_FILE
    'appstream': check_appstream,    # METAINFO_FILE
    'schema': check_schema,          # SCHEMA_DIR
    'mime': check_mime,              # MIME_XML
    'manifest': check_manifest,      # MANIFEST
    'app-id': check_app_id,          # SOURCE_DIR BUILD_DIR
    'install': check_install,        # BUILD_DIR PREFIX MANIFEST
    'man': check_man,                # CLI MAN_PAGE
    'po': check_po,                  # SOURCE_DIR PO_FILE
    'l10n': lambda cli, mo, *commands: check_l10n(cli, mo, list(commands)),  # CLI MO_FILE COMMAND...
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in CHECKS:
        print(f'usage: {sys.argv[0]} {"|".join(CHECKS)} ARGS...', file=sys.stderr)
        return 2
    try:
        CHECKS[sys.argv[1]](*sys.argv[2:])
    except Failure as e:
        print(f'FAIL: {e}', file=sys.stderr)
        return 1
    except (OSError, ET.ParseError, json.JSONDecodeError) as e:
        print(f'FAIL: {e}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
