using NetTopologySuite.Operation.Valid;

namespace Governance.Grids.Handling;

/// <summary>
/// What Grids' problems say (field messages, refusals, titles), in both languages: English exactly as the API
/// has said it, Chinese beside it (docs/CONVENTIONS.md "A message a user reads"). The shared ones are
/// <see cref="ProblemTexts"/>. Codes and ids in the messages stay as the API spells them; a level is named in the
/// reader's words with its code beside it in Chinese (<see cref="Level"/>), never as an English word in a Chinese sentence.
/// </summary>
public static class GridsTexts
{
    /// <summary>A unit level in Chinese, its code in brackets (the second outside probe read "在grid or village值班").</summary>
    public static string Level(UnitLevel level) => $"{ChineseNames.Of(level)}（{Codes.Of(level)}）";

    public static Bilingual ConflictTitle => new("The change conflicts with the data as it is", "此项修改与现有数据冲突");
    public static Bilingual SessionEndedTitle => new("Session ended", "登录已失效");
    public static Bilingual SessionExpired => new("The session expired or its cookie is not ours; sign in.", "登录已过期或凭据无效；请重新登录。");
    public static Bilingual AccountChanged =>
        new("The account left or its role, unit or department changed; sign in again.", "账号已停用，或其角色、单位、部门已变更；请重新登录。");

    // ---- Field shapes (Fields) --------------------------------------------------------------------
    public static Bilingual CodeCharacters(string field) =>
        new($"{field} may hold only letters, digits, '-', '_' and '.', and must start with a letter or digit.",
            $"{field} 只能含字母、数字、'-'、'_' 和 '.'，且须以字母或数字开头。");
    public static Bilingual PhoneNumber(string field) =>
        new($"{field} must be a phone number (digits, '+', '-', spaces).", $"{field} 须为电话号码（数字、'+'、'-'、空格）。");
    public static Bilingual IdNumber(string field) => new($"{field} must be a 15- or 18-character ID number.", $"{field} 须为 15 位或 18 位身份证号。");
    public static Bilingual IsoMoment(string field) =>
        new($"{field} must be an ISO 8601 time, e.g. 2025-03-01T08:00:00+08:00.", $"{field} 须为 ISO 8601 时间，如 2025-03-01T08:00:00+08:00。");
    public static Bilingual MomentBetween(string field) =>
        new($"{field} must be between 2000-01-01 and 2099-12-31.", $"{field} 须在 2000-01-01 到 2099-12-31 之间。");
    public static Bilingual WholeNumberFromTo(string field, int min, int max) =>
        new($"{field} must be a whole number from {min} to {max}.", $"{field} 须为 {min} 到 {max} 之间的整数。");
    public static Bilingual AtLeastOneCategory(string field) => new($"{field} needs at least one category.", $"{field} 须至少选一个类别。");
    public static Bilingual CategoriesOnce(string field, int count) =>
        new($"{field} may list each of the {count} categories at most once.", $"{field} 中 {count} 个类别每个最多出现一次。");
    public static Bilingual CategoryTwice(string field, string? value) => new($"{field} lists '{value}' twice.", $"{field} 中“{value}”出现了两次。");
    public static Bilingual CategoriesFrom(string field, string codes) =>
        new($"{field} must hold categories from {codes}.", $"{field} 须为以下类别：{codes}。");
    public static Bilingual NotInFuture(string field) => new($"{field} must not be in the future.", $"{field} 不能是将来的时间。");
    public static Bilingual MonthAsYyyyMm => new("month must be a month as yyyy-MM, e.g. 2026-03.", "month 须为月份，写作 yyyy-MM，如 2026-03。");
    public static Bilingual OffsetNotNegative => new("offset must not be negative.", "offset 不能为负数。");
    public static Bilingual IdsList =>
        new("ids must name 1 to 200 accounts (each at most 100 characters), separated by commas.", "ids 须列出 1 到 200 个账号（每个最多 100 个字符），以逗号分隔。");
    public static Bilingual NoSuchStaff => new("No such member of staff.", "没有这名工作人员。");
    public static Bilingual DepartmentIdShape => new("department-id must be a department's id.", "department-id 须为部门编号。");

    // ---- Units and aliases ------------------------------------------------------------------------
    public static Bilingual CountyNoParent => new("a county has no parent.", "区县没有上级单位。");
    public static Bilingual Retired(string code) => new($"'{code}' is retired.", $"“{code}”已撤销。");
    public static Bilingual BelongsUnder(UnitLevel level, UnitLevel wanted, string parentCode, UnitLevel parentLevel) =>
        new($"a {Codes.Of(level)} belongs under a {Codes.Of(wanted)}; '{parentCode}' is a {Codes.Of(parentLevel)}.",
            $"{Level(level)}应隶属于{Level(wanted)}；“{parentCode}”是{Level(parentLevel)}。");
    public static Bilingual UnitExists(string? code) =>
        new($"A unit with code '{code}' exists already (codes are never reused, even after retirement).", $"编码为“{code}”的单位已存在（编码永不重复使用，撤销后也不例外）。");
    public static Bilingual RetiredDoesNotChange(string code) => new($"'{code}' is retired; a retired unit does not change.", $"“{code}”已撤销；已撤销的单位不能修改。");
    public static Bilingual ChangedMeanwhile(string id) =>
        new($"'{id}' was changed by someone else meanwhile; read it again and retry.", $"“{id}”刚被他人修改；请重新读取后再试。");
    public static Bilingual RetiredAlready(string code) => new($"'{code}' was retired already.", $"“{code}”已经撤销。");
    public static Bilingual CountyNotRetired => new("The county cannot be retired.", "区县不能撤销。");
    public static Bilingual StillHasChildren(string code, long children) =>
        new($"'{code}' still has {children} unit(s) under it: move or retire them first (merging a grid is moving its courtyards out).",
            $"“{code}”下面还有 {children} 个单位：请先移走或撤销它们（合并网格即把它的院落移出）。");
    public static Bilingual CareSubjectsLiveThere(string code) =>
        new($"Care subjects live in '{code}': register them at their new courtyard first.", $"“{code}”还有关爱对象：请先把他们登记到新的院落。");
    public static Bilingual AliasesRequired =>
        new("aliases is required: a list of addresses (empty to remove them).", "aliases 为必填项：地址列表（为空则全部删除）。");
    public static Bilingual NotEmpty(string field) => new($"{field} must not be empty.", $"{field} 不能为空。");
    public static Bilingual AtMostAliases(int max) => new($"A unit has at most {max} aliases.", $"一个单位最多 {max} 个别名。");
    public static Bilingual RetiredNoAliases(string code) =>
        new($"'{code}' is retired; a retired unit takes no aliases.", $"“{code}”已撤销；已撤销的单位不能有别名。");
    public static Bilingual AliasesForGridsAndCourtyards(string code, string level) =>
        new($"Aliases are for grids and courtyards, where a call is placed; '{code}' is a {level}.", $"别名只用于网格和院落（来电分拨到这里）；“{code}”是{level}。");
    public static Bilingual AliasTaken(string alias, string owner) =>
        new($"'{alias}' is an alias of unit '{owner}' already: an address belongs to one unit.", $"“{alias}”已是单位“{owner}”的别名：一个地址只属于一个单位。");
    public static Bilingual DepartmentLevel(string code, string level) =>
        new($"a department belongs to a township or the county; '{code}' is a {level}.", $"部门属于乡镇（街道）或区县；“{code}”是{level}。");
    public static Bilingual DepartmentNameTaken(string? unit, string? name) =>
        new($"'{unit}' has a department named '{name}' already.", $"“{unit}”已有名为“{name}”的部门。");

    // ---- Staff and duty ----------------------------------------------------------------------------
    public static Bilingual PersonRegistered(string id) => new($"A person with id '{id}' is registered already.", $"编号为“{id}”的人员已经登记。");
    public static Bilingual LeftService(string? id) => new($"'{id}' has left the service.", $"“{id}”已离职。");
    public static Bilingual LeftAlready(string id) => new($"'{id}' left already.", $"“{id}”已经离职。");
    public static Bilingual UntilAfterFrom => new("until must be after from.", "until 须晚于 from。");
    public static Bilingual NotRegisteredPerson(string field, string? id) =>
        new($"{field} '{id}' is not a registered person.", $"{field} “{id}”不是已登记的人员。");
    public static Bilingual DutyEnded(DateTimeOffset until) => new($"The duty period ended already, at {until:O}.", $"值班期已于 {until:O} 结束。");
    public static Bilingual AtNotBeforeDuty => new("at must not be before the duty period's start.", "at 不能早于值班期的开始。");
    public static Bilingual RoleLevel(string role, IReadOnlyList<UnitLevel> levels, string code, UnitLevel level) =>
        new($"a {role} is on duty at a {string.Join(" or ", levels.Select(Codes.Of))}; '{code}' is a {Codes.Of(level)}.",
            $"“{role}”在{string.Join("或", levels.Select(Level))}值班；“{code}”是{Level(level)}。");
    public static Bilingual HandlerNeedsDepartment =>
        new("a department-handler needs the departmentId of their department.", "部门办理人须填写所在部门的 departmentId。");
    public static Bilingual OnlyHandlerInDepartment => new("only a department-handler belongs to a department.", "只有部门办理人属于部门。");
    public static Bilingual UnknownDepartment(Guid id) => new($"departmentId '{id}' is not a known department.", $"departmentId “{id}”不是已知的部门。");
    public static Bilingual DepartmentElsewhere(string departmentUnit, string unit) =>
        new($"the department belongs to '{departmentUnit}', not to '{unit}'.", $"该部门属于“{departmentUnit}”，不属于“{unit}”。");
    public static Bilingual LeftAtNotHere =>
        new("leftAt cannot be changed here; POST /grids/staff/{id}/leave records that a person left.",
            "leftAt 不能在这里修改；人员离职请用 POST /grids/staff/{id}/leave 登记。");
    public static Bilingual CannotBeChanged(string field) => new($"{field} cannot be changed.", $"{field} 不能修改。");
    public static Bilingual NotAChangeableField(string field) =>
        new($"{field} is not a field of a person that can be changed; name, phone, idNumber and the post (role, unitCode, departmentId) can.",
            $"{field} 不是人员可修改的字段；可修改的是 name、phone、idNumber 和岗位（role、unitCode、departmentId）。");
    public static Bilingual FieldLeftService(string field, string id) => new($"{field} '{id}' has left the service.", $"{field} “{id}”已离职。");
    public static Bilingual FieldRetired(string field, string code) => new($"{field} '{code}' is retired.", $"{field} “{code}”已撤销。");

    // ---- Patrols -------------------------------------------------------------------------------------
    public static Bilingual TokenNamesNoUnit =>
        new("unitCode is required: the token names no unit of yours.", "unitCode 为必填项：您的登录信息里没有所属单位。");
    public static Bilingual PatrolLevel(string code, string level) =>
        new($"A patrol is walked in a grid or a courtyard; '{code}' is a {level}.", $"巡查在网格或院落进行；“{code}”是{level}。");
    public static Bilingual PatrolOwnBeat(string code) =>
        new($"A patrol is walked on one's own beat (his grid, his courtyard, or as grid head his village's grids); '{code}' is not on yours.",
            $"巡查只在自己负责的网格、院落（网格长：本村的网格）进行；“{code}”不在其中。");
    public static Bilingual PatrolGoingOn(Guid id) => new($"Patrol {id} is still going on: end it first.", $"巡查 {id} 还在进行：请先结束它。");
    public static Bilingual PatrolChangedSendAgain =>
        new("The patrol was changed meanwhile; send the points again.", "巡查记录刚被修改；请重新发送轨迹点。");
    public static Bilingual PatrolChangedRetry => new("The patrol was changed meanwhile; retry.", "巡查记录刚被修改；请重试。");
    public static Bilingual OnlyPatrolPerson => new("Only the person on the patrol records it.", "只有巡查人本人才能记录巡查。");
    public static Bilingual PatrolEnded(DateTimeOffset? at) => new($"The patrol ended at {at:O}.", $"巡查已于 {at:O} 结束。");
    public static Bilingual PatrolEndedIdle(DateTimeOffset? at) => new(
        $"The patrol was ended automatically at {at:O}, its last sign of life: nothing was heard of it for too long. Start a new one.",
        $"巡查长时间没有轨迹或记录，已自动结束于 {at:O}（最后一次记录的时间）。请开始新的巡查。");
    public static Bilingual PointsAtLeastOne => new("points must hold at least one point.", "points 须至少有一个点。");
    public static Bilingual PointsAtMost(int max) => new($"points may hold at most {max} points.", $"points 最多 {max} 个点。");
    public static Bilingual PointRequired => new("A point is required.", "请提供轨迹点。");
    public static Bilingual PointTime =>
        new("at must lie between the patrol's start and now (give or take two minutes).", "at 须在巡查开始与现在之间（前后可差两分钟）。");
    public static Bilingual UnitCodeForOthersVisits =>
        new("unitCode is required to read someone else's visits.", "查看他人的走访记录须填写 unitCode。");
    public static Bilingual UnitRetired(string code) => new($"The unit '{code}' is retired.", $"单位“{code}”已撤销。");

    // ---- Leaders' posts and visits -----------------------------------------------------------------
    public static Bilingual VisitEveryDays(int max) => new($"visitEveryDays must be from 1 to {max}.", $"visitEveryDays 须在 1 到 {max} 之间。");
    public static Bilingual VisitEveryDaysWithPlan => new("visitEveryDays is required with planUnits.", "填写 planUnits 时 visitEveryDays 为必填项。");
    public static Bilingual TownshipMemberInTownship(string person, string unit) =>
        new($"A township committee member is registered in a township; '{person}' is registered at '{unit}'.",
            $"乡镇（街道）班子成员应登记在乡镇（街道）；“{person}”登记在“{unit}”。");
    public static Bilingual UnknownUnit(string code) => new($"'{code}' is not a known unit.", $"“{code}”不是已知的单位。");
    public static Bilingual LinkedInOwnTownship(string township) =>
        new($"A township committee member is linked to units of his own township '{township}'.", $"乡镇（街道）班子成员只能联系本乡镇（街道）“{township}”的单位。");
    public static Bilingual NotLinkedNorInside(string code) =>
        new($"'{code}' is not one of the linked units nor inside one.", $"“{code}”既不是联系单位，也不在联系单位之内。");
    public static Bilingual CountyPostToSet =>
        new("A county committee member's post is the county administrator's to set.", "区县班子成员的联系点由区县管理员设置。");
    public static Bilingual CountyPostToEnd =>
        new("A county committee member's post is the county administrator's to end.", "区县班子成员的联系点由区县管理员撤销。");
    public static Bilingual UnitsAtLeastOne(string field) => new($"{field} must name at least one unit.", $"{field} 须至少列出一个单位。");
    public static Bilingual UnitsAtMost(string field, int max) => new($"{field} may name at most {max} units.", $"{field} 最多列出 {max} 个单位。");
    public static Bilingual FiledAtGridOrCourtyard(string code, string level) =>
        new($"A case is filed at a grid or a courtyard; '{code}' is a {level}.", $"案件在网格或院落登记；“{code}”是{level}。");
    public static Bilingual VisitPointOutside(double metres, string code, string name, double tolerance) =>
        new($"lat, lng lie {metres / 1000:0.0} km outside '{code}' ({name}); a visit's position must lie within {tolerance / 1000:0.#} km of the visited unit. Coordinates are WGS-84 (GPS).",
            $"lat、lng 在“{code}”（{name}）范围外 {metres / 1000:0.0} 公里；走访位置须在所走访单位 {tolerance / 1000:0.#} 公里以内。");
    public static Bilingual NotInVisitedUnit(string place, string unit) =>
        new($"'{place}' does not lie in the visited unit '{unit}'.", $"“{place}”不在走访的单位“{unit}”之内。");
    public static Bilingual RetiredNoCase(string code) => new($"'{code}' is retired: no case can be filed there.", $"“{code}”已撤销：不能在那里登记案件。");
    public static Bilingual FindingsAtMost(int max) => new($"findings may hold at most {max}.", $"findings 最多 {max} 条。");
    public static Bilingual FindingRequired => new("A finding is required.", "请填写发现的问题。");
    public static Bilingual FindingUnitRequired(string code, string level) =>
        new($"incident.unitCode is required: a case is filed at a grid or a courtyard, and '{code}' is a {level}.",
            $"incident.unitCode 为必填项：案件在网格或院落登记，而“{code}”是{level}。");

    // ---- Care, assessment, service tokens -----------------------------------------------------------
    public static Bilingual NotBeforeRegistered => new("visitedAt must not be before the subject was registered.", "visitedAt 不能早于对象登记的时间。");
    public static Bilingual CourtyardRetiredNoCase(string code) =>
        new($"The subject's courtyard '{code}' is retired: no case can be filed there.", $"对象所在院落“{code}”已撤销：不能在那里登记案件。");
    public static Bilingual SubjectChanged => new("The subject was changed by someone else meanwhile; retry.", "对象信息刚被他人修改；请重试。");
    public static Bilingual WeightsChanged => new("The weights were changed by someone else meanwhile; retry.", "权重刚被他人修改；请重试。");
    public static Bilingual MustBeCourtyard(string code, string level) =>
        new($"courtyardCode must be a courtyard; '{code}' is a {level}.", $"courtyardCode 须为院落；“{code}”是{level}。");
    public static Bilingual NotAGridWorker(string id, string role) => new($"'{id}' is a {role}, not a grid worker.", $"“{id}”是{role}，不是网格员。");
    public static Bilingual VisitorNotOnDuty(string visitedBy, DateTimeOffset at) =>
        new($"visitedBy '{visitedBy}' was not on duty at {at:O} as a grid worker or courtyard lead of the subject's grid or courtyard.",
            $"visitedBy “{visitedBy}”在 {at:O} 不是对象所在网格或院落的在岗网格员或院落长。");
    public static Bilingual WorkerOfOtherGrid(string id, string workerUnit, string courtyard, string? grid) =>
        new($"'{id}' is a grid worker of '{workerUnit}'; the subject's courtyard '{courtyard}' is in grid '{grid}'.",
            $"“{id}”是“{workerUnit}”的网格员；对象所在院落“{courtyard}”属于网格“{grid}”。");
    public static Bilingual TokenRevoked(string id) => new($"The service token '{id}' was revoked already.", $"服务令牌“{id}”已被吊销。");
    // ---- Imports (CSV and GeoJSON files) --------------------------------------------------------------
    public static Bilingual AppearsTwice(string field, string value, int firstRow) =>
        new($"{field} '{value}' appears twice in the file (also rows[{firstRow}]).", $"{field} “{value}”在文件中出现了两次（另见 rows[{firstRow}]）。");
    public static Bilingual RetiredDoesNotChangeLevel(string code, string level) =>
        new($"'{code}' is a {level}; a unit's level does not change.", $"“{code}”是{level}；单位的层级不能修改。");
    public static Bilingual EncodingUnknown(string requested) =>
        new($"encoding '{requested}' is not one we read; send utf-8 or gb18030 (gbk), or leave it out to detect them.",
            $"不支持编码“{requested}”；请用 utf-8 或 gb18030（gbk），或不填由系统识别。");
    public static Bilingual GeoJsonUtf8 => new("The file is not UTF-8: GeoJSON is always UTF-8 (RFC 7946).", "文件不是 UTF-8 编码：GeoJSON 总是 UTF-8（RFC 7946）。");
    public static Bilingual FileEmpty(string columns) =>
        new($"The file is empty; its first line must name the columns: {columns}.", $"文件是空的；第一行须列出各列的名称：{columns}。");
    public static Bilingual UnknownColumn(string column, string columns) =>
        new($"Unknown column '{column}'; the columns are {columns}.", $"未知的列“{column}”；可用的列为 {columns}。");
    public static Bilingual ColumnTwice(string column) => new($"Column '{column}' appears twice.", $"列“{column}”出现了两次。");
    public static Bilingual AtMostRows(int max) => new($"At most {max} rows per file.", $"每个文件最多 {max} 行。");
    public static Bilingual FieldCount(int line, int fields, int header) =>
        new($"Line {line} has {fields} fields; the header has {header}.", $"第 {line} 行有 {fields} 个字段；表头有 {header} 个。");
    public static Bilingual QuoteInsideField(int line) =>
        new($"Line {line}: a quote inside an unquoted field; quote the whole field and double the quote.", $"第 {line} 行：未加引号的字段中有引号；请给整个字段加引号，并把引号写两次。");
    public static Bilingual QuoteNotClosed(int line) => new($"Line {line}: a quoted field is not closed.", $"第 {line} 行：带引号的字段没有结束引号。");
    public static Bilingual DepartmentGuid => new("departmentId must be a department's id (a GUID).", "departmentId 须为部门编号（GUID）。");
    public static Bilingual RegisteredAlready(string id) => new($"'{id}' is registered already.", $"“{id}”已经登记。");
    public static Bilingual NotJson(string why) => new($"The body is not valid JSON: {why}", $"内容不是有效的 JSON：{why}");
    public static Bilingual FeatureCollection => new("The body must be a GeoJSON FeatureCollection.", "内容须为 GeoJSON FeatureCollection。");
    public static Bilingual FeaturesArray => new("features must be an array of GeoJSON Features.", "features 须为 GeoJSON Feature 的数组。");
    public static Bilingual EachFeature => new("Each item must be a GeoJSON Feature.", "每一项都须为 GeoJSON Feature。");
    public static Bilingual PropertiesCode => new("properties.code must name the unit.", "properties.code 须写明单位。");
    public static Bilingual FeatureAlready(string code, int first) =>
        new($"'{code}' has a feature already (features[{first}]).", $"“{code}”已有一个 Feature（features[{first}]）。");
    public static Bilingual GeometryTooLarge(double mb, double maxMb) =>
        new($"geometry is {mb:0.0} MB; a unit's boundary may be at most {maxMb:0.#} MB of GeoJSON.", $"geometry 为 {mb:0.0} MB；单位边界的 GeoJSON 最大 {maxMb:0.#} MB。");
    public static Bilingual FeaturesEmpty => new("features is empty.", "features 是空的。");
    public static Bilingual PolygonKinds => new("geometry must be a Polygon or a MultiPolygon.", "geometry 须为 Polygon 或 MultiPolygon。");
    public static Bilingual CoordinatesArray => new("coordinates must be an array.", "coordinates 须为数组。");
    public static Bilingual MultiPolygonOne => new("a MultiPolygon needs at least one polygon.", "MultiPolygon 须至少含一个多边形。");
    public static Bilingual TooManyPositions(int max) =>
        new($"geometry has more than {max} positions; a unit's boundary may have at most {max} (simplify it first).", $"geometry 的坐标点超过 {max} 个；单位边界最多 {max} 个点（请先简化）。");
    public static Bilingual PolygonRings =>
        new("a polygon is an array of rings (the outer ring first, then holes).", "多边形是环的数组（先外环，再内洞）。");
    public static Bilingual PositionShape => new("every position must be [longitude, latitude].", "每个坐标点须为 [经度, 纬度]。");
    public static Bilingual PositionRange(double lng, double lat) =>
        new($"[{lng}, {lat}] is not a longitude from -180 to 180 and a latitude from -90 to 90 (GeoJSON puts longitude first).",
            $"[{lng}, {lat}] 不是 -180 到 180 的经度和 -90 到 90 的纬度（GeoJSON 经度在前）。");

    public static Bilingual ImportOutsideReach(string why, string rows, int more) =>
        new($"{why} Outside your reach: {rows}{(more > 0 ? $" and {more} more" : "")}. Nothing was imported.",
            $"{why} 超出您的范围：{rows}{(more > 0 ? $" 等，另有 {more} 行" : "")}。未导入任何内容。");
    public static Bilingual ChangedDuringImport(string code) =>
        new($"'{code}' was changed by someone else during the import; nothing was imported, retry.", $"导入期间“{code}”被他人修改；未导入任何内容，请重试。");

    public static Bilingual SendFileAs(string mediaTypes) => new($"Send the file as {mediaTypes}.", $"请以 {mediaTypes} 格式发送文件。");
    public static Bilingual ImportAtMostMb(long mb) => new($"An import file may be at most {mb} MB.", $"导入文件最大 {mb} MB。");
    /// <param name="reason">The geometry library's own words (English); the Chinese says its kind of fault instead.</param>
    public static Bilingual GeometryNotValid(string reason, TopologyValidationErrors? kind, double lng, double lat) =>
        new($"geometry is not valid: {reason} at [{lng}, {lat}] (longitude, latitude).", $"geometry 不是有效的几何图形：{InvalidityZh(kind)}，位于 [{lng}, {lat}]（经度, 纬度）。");

    private static string InvalidityZh(TopologyValidationErrors? kind) => kind switch
    {
        TopologyValidationErrors.SelfIntersection => "边界自相交",
        TopologyValidationErrors.RingSelfIntersection => "环自相交",
        TopologyValidationErrors.HoleOutsideShell => "内洞在外环之外",
        TopologyValidationErrors.NestedHoles => "内洞互相嵌套",
        TopologyValidationErrors.DisconnectedInteriors => "内部不连通",
        TopologyValidationErrors.NestedShells => "外环互相嵌套",
        TopologyValidationErrors.DuplicateRings => "环重复",
        TopologyValidationErrors.TooFewPoints => "点数太少",
        TopologyValidationErrors.InvalidCoordinate => "坐标无效",
        TopologyValidationErrors.RingNotClosed => "环未闭合",
        _ => "图形无效",
    };
    public static Bilingual GeometryNotSimple =>
        new("geometry is not simple: a ring crosses or touches itself.", "geometry 不是简单图形：有环自相交或自相接。");
    public static Bilingual GeometryTooWide(double km, double mostKm) =>
        new($"geometry spans {km:0} km; a unit's boundary may span at most {mostKm:0} km (is it in longitude, latitude order, WGS-84?).",
            $"geometry 跨度 {km:0} 公里；单位边界最大跨度 {mostKm:0} 公里（坐标是否按经度、纬度顺序，WGS-84？）。");
    public static Bilingual RingFourPositions => new("a ring needs at least four positions.", "一个环至少需要四个坐标点。");
    public static Bilingual RingClosed =>
        new("a ring must be closed: its last position repeats the first.", "环须闭合：最后一个坐标点与第一个相同。");
    /// <summary><paramref name="only"/>: the one encoding the file was said to be in; null when both were tried.</summary>
    public static Bilingual LineNotInEncoding(int line, string? only) =>
        new($"Line {line} is {(only is null ? "neither valid UTF-8 nor GB18030" : $"not valid {only}")}: save the file as UTF-8 (or GB18030/GBK), or send encoding= with the one it is in.",
            $"第 {line} 行不是有效的 {only ?? "UTF-8 或 GB18030"} 编码：请将文件存为 UTF-8（或 GB18030/GBK），或用 encoding= 指明文件的编码。");
    public static Bilingual ColumnMissing(string column) => new($"Column '{column}' is missing.", $"缺少“{column}”列。");

    // ---- Passwords (the pages' own sign-in) ------------------------------------------------------------
    public static Bilingual SignInRefusedTitle => new("Sign-in refused", "登录失败");
    public static Bilingual WrongAccountOrPassword => new("The account or the password is wrong.", "账号或密码不正确。");
    public static Bilingual AccountLockedTitle => new("Account locked for a while", "账号已暂时锁定");
    public static Bilingual AccountLocked(int failures, int minutes) =>
        new($"{failures} wrong passwords in a row: try again in {minutes} minute(s), or ask your administrator to reset the password.",
            $"连续 {failures} 次密码错误，请 {minutes} 分钟后再试，或请管理员重置密码。");
    public static Bilingual PasswordChangeRequiredTitle => new("Choose your own password", "请设置新密码");
    public static Bilingual PasswordChangeRequired =>
        new("This password was set by an administrator for one sign-in: choose your own (POST /auth/change-password).",
            "此密码由管理员重置，仅供首次登录使用：请设置您自己的新密码。");
    public static Bilingual PasswordChanged => new("The password was reset or changed; sign in again.", "密码已重置或修改；请重新登录。");
    public static Bilingual PasswordLength(string field, int min, int max) =>
        new($"{field} must be {min} to {max} characters long.", $"{field} 长度须为 {min} 到 {max} 个字符。");
    public static Bilingual PasswordControlCharacters(string field) => new($"{field} may not hold control characters.", $"{field} 不能含控制字符。");
    public static Bilingual PasswordKinds(string field, int kinds) =>
        new($"{field} must mix at least {kinds} of: lower-case letters, upper-case letters, digits, symbols.",
            $"{field} 须至少包含小写字母、大写字母、数字、符号中的 {kinds} 种。");
    public static Bilingual PasswordHoldsAccount(string field) => new($"{field} may not contain the account's id.", $"{field} 不能包含账号本身。");
    public static Bilingual PasswordUnchanged(string field) => new($"{field} must differ from the current password.", $"{field} 不能与当前密码相同。");
    public static Bilingual LeaderPasswordByCounty =>
        new("A county committee leader's password is reset by the county administrator only.", "县领导的密码只能由区县管理员重置。");
    public static Bilingual PasswordTooCommon(string field) =>
        new($"{field} is among the passwords tried first by anyone guessing: choose another (several words with digits and symbols).",
            $"{field} 过于常见，容易被猜中：请另选一个（如几个词加数字和符号）。");
    public static Bilingual TooManySignIns(int permits) =>
        new($"At most {permits} sign-in attempts a minute from one address; try again in a minute.", $"同一地址每分钟最多尝试登录 {permits} 次，请一分钟后再试。");
    public static Bilingual TooManySignInsTitle => new("Too many sign-in attempts", "登录尝试过于频繁");
}
