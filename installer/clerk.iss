; Inno Setup 6 script for Window Clerk (综合窗口收件台) on Windows.
; Build the bundle on a Windows PC first (same hash-pinned requirements, see installer/README.md):
;   py -3.11 -m venv build\bundle-venv
;   build\bundle-venv\Scripts\pip install --require-hashes --no-deps -r installer\requirements-windows.txt
;   build\bundle-venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\clerk.spec
; then:  iscc installer\clerk.iss        →  dist\window-clerk-<version>-setup.exe
; Every Source below is checked against the bundle layout by tests/installer/test_windows_installer.py
; (and against a real dist/clerk by installer/smoke.sh); AppVersion must equal clerk_app.__version__.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Window Clerk"
#define Bundle "..\dist\clerk"

[Setup]
AppId={{6E2B7C1A-3F4D-4C8B-9A51-0C7D2E9F4B10}
AppName={#AppName}
AppVerName=综合窗口收件台 {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Window Clerk maintainers
DefaultDirName={autopf}\Window Clerk
DefaultGroupName=综合窗口收件台
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=window-clerk-{#AppVersion}-setup
SetupIconFile=icons\window-clerk.ico
UninstallDisplayIcon={app}\clerk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Each user's data (%LOCALAPPDATA%\WindowClerk\clerk) is never touched by setup or uninstall.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole bundle: no module of the previous version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\clerk.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\clerk-cli.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\_internal\*"; DestDir: "{app}\_internal"; Excludes: "\resources\fonts\*,\forms\*,\clerk_app\store\migrations\*,\clerk_app\server\migrations\*"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Bundle}\_internal\resources\fonts\wqy-microhei.ttc"; DestDir: "{app}\_internal\resources\fonts"; Flags: ignoreversion
Source: "{#Bundle}\_internal\resources\fonts\wqy-microhei.LICENSE.txt"; DestDir: "{app}\_internal\resources\fonts"; Flags: ignoreversion
Source: "{#Bundle}\_internal\resources\fonts\HanaMinA.ttf"; DestDir: "{app}\_internal\resources\fonts"; Flags: ignoreversion
Source: "{#Bundle}\_internal\resources\fonts\HanaMinB.ttf"; DestDir: "{app}\_internal\resources\fonts"; Flags: ignoreversion
Source: "{#Bundle}\_internal\resources\fonts\HanaMin.LICENSE.txt"; DestDir: "{app}\_internal\resources\fonts"; Flags: ignoreversion
Source: "{#Bundle}\_internal\resources\fonts\BabelStoneHan-Subset.ttf"; DestDir: "{app}\_internal\resources\fonts"; Flags: ignoreversion
Source: "{#Bundle}\_internal\resources\fonts\BabelStoneHan-Subset.LICENSE.txt"; DestDir: "{app}\_internal\resources\fonts"; Flags: ignoreversion
Source: "{#Bundle}\_internal\resources\fonts\coverage.json"; DestDir: "{app}\_internal\resources\fonts"; Flags: ignoreversion
Source: "{#Bundle}\_internal\resources\fonts\README.md"; DestDir: "{app}\_internal\resources\fonts"; Flags: ignoreversion
Source: "{#Bundle}\_internal\forms\*"; DestDir: "{app}\_internal\forms"; Flags: ignoreversion recursesubdirs
Source: "{#Bundle}\_internal\clerk_app\store\migrations\*"; DestDir: "{app}\_internal\clerk_app\store\migrations"; Flags: ignoreversion recursesubdirs
Source: "{#Bundle}\_internal\clerk_app\server\migrations\*"; DestDir: "{app}\_internal\clerk_app\server\migrations"; Flags: ignoreversion recursesubdirs

[Icons]
Name: "{group}\综合窗口收件台"; Filename: "{app}\clerk.exe"
Name: "{group}\卸载综合窗口收件台"; Filename: "{uninstallexe}"
Name: "{autodesktop}\综合窗口收件台"; Filename: "{app}\clerk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\clerk.exe"; Description: "{cm:LaunchProgram,综合窗口收件台}"; Flags: nowait postinstall skipifsilent
