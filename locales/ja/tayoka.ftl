# tayoka の利用者向けテキスト（日本語）。各メッセージは locales/en/tayoka.ftl と
# 同じ ID を持つ（tests/cli/lang.rs が両ファイルの ID の一致と、コードが使う ID が
# すべてあることを確かめる）。数値は整形済みで渡される。

list-separator = 、
sentence-separator = 。
country-label = { $name }（{ $code }）
n-workloads = { $n }業務
n-categories = { $n }区分
n-providers = { $n }事業者
dim-value = { $dim ->
    [provider] 事業者
    [company] 企業
    [country] 国
    [chips] チップ供給元
    [group] 企業グループ
   *[other] { $dim }
}
cutoff-name = { $dim }「{ $value }」
cutoff-aliases = { $name }（＝{ $aliases }）

## シナリオのルール（制約の一覧と診断で使う名前）。
rule-limit = 制限「{ $id }」（{ $on }{ $scope }、{ $bounds }）
rule-on-value = { $dim } { $value }
rule-on-every = すべての{ $dim }
rule-on-every-here = すべての{ $dim }、ここでは{ $value }
rule-scope-critical = 、重要業務
rule-capacity = 「{ $id }」の供給能力（{ $capacity }{ $unit }）
rule-capacity-provider = 事業者「{ $id }」の供給能力（{ $capacity }{ $unit }）
rule-min-volume-provider = 事業者「{ $id }」の最低取引量（{ $amount }{ $unit }）
rule-capacity-buildable = 事業者「{ $id }」の供給能力（{ $capacity }{ $unit }、増設可能分{ $buildable }を除く）
rule-capacity-every = 全事業者の供給能力
rule-budget = 予算{ $amount }
rule-key = { $key } { $value }
rule-survive = survive min_served { $value }
rule-workload-key = 業務「{ $id }」の{ $key } { $value }
rule-demand-part = 業務「{ $id }」の需要（{ $demand }{ $unit }）、一部のみ充足
rule-all-workloads = （全業務）

## 事業者が業務を担えない理由。
reason-capability-missing = 能力「{ $capability }」がない
reason-quality = 品質{ $have } < { $need }
reason-certification = 認証「{ $certification }」がない
reason-sovereignty = 主権レベル{ $have } < { $need }
reason-region = [{ $regions }] にリージョンがない
reason-not-domestic = 国内事業者でない（{ $country }）
reason-allow-list = 許可リスト（only）にない
reason-excluded = 除外（exclude）されている
reason-no-capacity = 供給能力がない

## 実行可能な計画がないシナリオの診断。
diag-title = `{ $scenario }` には実行可能な計画がありません
diag-title-variant = `{ $scenario }`（バリアント{ $variant }）には実行可能な計画がありません
diag-no-eligible = 業務「{ $workload }」を担える事業者がない
diag-workload-capacity = 業務「{ $workload }」には{ $demand }{ $unit }が必要だが、担える事業者（{ $providers }）の供給能力は合計{ $capacity }
diag-provider-fraction = 業務「{ $workload }」：max_provider_fraction { $fraction } × 担える事業者{ $eligible } < 1のため、需要を分けられない
diag-too-few = 業務「{ $workload }」には少なくとも{ $min }事業者が必要だが、担えるのは{ $eligible }事業者のみ
diag-class-capacity = 区分「{ $class }」：担える供給能力{ $capacity } < 需要{ $demand }{ $unit }（事業者：{ $providers }）
diag-budget = 予算{ $budget }は、全業務を最安の担える事業者に最大の数量割引で置いた費用{ $cost }を下回る
diag-smallest-one = 計画を可能にする最小の変更（1つのルールを必要な分だけ変更。政策ルール、供給能力、需要の順に優先）
diag-smallest-many = 計画を可能にする最小の変更（単独で足りるルールはなく、これらを合わせて変更）
diag-other-one = または、このルールだけを変更
diag-other-many = または、これらのルールを合わせて変更
diag-try = 試す：{ $sets }
heading-colon = { $heading }：
wrote-diagnosis = { $dir }に診断を書き出しました
wrote-model = { $dir }に{ $stages }段階分の最適化問題（MPS・LP形式）を書き出しました
model-not-a-folder = `{ $path }`はファイルでありフォルダではありません。`--write-model`にはモデルファイルを書き出すフォルダを指定してください
serve-stop = Ctrl-Cでサーバーを停止します
serve-no-browser = ブラウザを開けませんでした（{ $opener }）。上のアドレスを開いてください
model-same-folder = `--write-model`には計画の出力フォルダ（{ $dir }）とは別のフォルダを指定してください。各フォルダには1回の実行のファイルだけを置きます
sweep-no-plan = スイープのどの点にも計画がありません。{ $n }点すべてが実行不能で、各点の診断は diagnoses.json とレポートにあります
diag-together = 単独で実行不能なルールはないが、これらのルールが合わさると計画がない：
diag-relax = どれか1つを緩めて（例：--set PATH=VALUE）、もう一度解いてください
diag-page-title = 実行可能な計画なし：{ $scenario }
diag-page-subtitle = シナリオ <code>{ $scenario }</code> · バリアント <strong>{ $variant }</strong>
diag-section = 診断
diag-col-rule = ルール
diag-col-now = 現在
diag-col-feasible = 実行可能になる値
diag-col-try = 試す
diag-col-where = 場所
names-and-more = { $names }ほか{ $more }件
n-points = { $n }ポイント

## 主要な数値（端末とレポートで共通）。
headline-abroad-note = 目的の国の段階では{ $home }を数えない
headline-moved = { $amount }{ $unit }（移行費用{ $cost }）
headline-contracts = { $n }社、{ $cost }
headline-discount = { $provider } { $off }引き（{ $amount }）
headline-no-discount = なし
binding-step-percent = 1%（{ $amount }）
binding-line = { $rule }が{ $stage }を制約：{ $step }{ $direction ->
    [more] 増やす
   *[less] 減らす
}ごとに{ $size }{ $verb ->
    [lowers] 下がる
   *[raises] 上がる
}
left-out = 需要の大きい{ $shown }件を表示（全{ $total }件）。すべて{ $file }にある
left-out-changes = 量の大きい{ $shown }件の変化を表示（全{ $total }件）。すべて{ $file }にある

## `solve` の端末要約。
summary-title = { $title }  [{ $name } / { $label }]  目的：{ $objective }、ソルバー：{ $solver }
summary-with = 変更：{ $sets }
summary-allocation = 配分
summary-shares = シェア
summary-headline = 主要指標
summary-stages = 目的の段階：{ $stages }
summary-holds = 計画を制約している条件（段階ごとの限界値）：
col-workload = 業務
col-owner = 所管
col-demand = 需要（{ $unit }）
col-providers = 事業者
col-dimension = 次元
col-value = 値
col-volume-share = 量のシェア
col-spend-share = 支出のシェア
col-limits = 制限
col-metric = 指標
value-home = { $value }（自国）
limits-critical = {"重要："}{ $share }{" "}
limits-amount = { $amount }{" "}
metric-total-cost = 総費用
metric-budget = 予算
metric-home-share = 自国シェア（{ $home }）
metric-moved = 現行の配分から移す量
metric-mosaic = データ集約リスク
metric-contracts = 契約する事業者
metric-discounts = 数量割引
metric-worst-cutoff = 単一の途絶による最大の未充足
worst-cutoff-value = 重要需要の{ $share }が未充足（{ $event }）
metric-mean-sovereignty = 平均主権レベル
metric-max-share = 最大{ $dim }シェア
metric-max-share-abroad = { $home }以外の最大国シェア
metric-effective = 実効{ $dim }数

## 計画のレポート（report.html）。
yes = はい
plan-subtitle = シナリオ <code>{ $scenario }</code> · バリアント <strong>{ $variant }</strong> · 目的 <strong>{ $objective }</strong> · { $workloads }、{ $providers }
plan-not-optimal = <strong>最適性は未証明：</strong>時間制限でソルバーが止まりました。これは見つかった最良の計画で、すべてのルールを満たします。
time-limit-warning = 時間制限でソルバーが最適性を証明する前に止まりました。これは見つかった最良の計画で、すべてのルールを満たします
mip-gap-note = 整数ルール：ある段階の分枝限定法は、計画が最良の可能値から{ $percent }以内と証明された時点で止まりました（--mip-gap。0を指定すると各段階の最適性を厳密に証明します）
analysis-mip-gap-note = 整数ルール：ここにある計画の一部は、最良の可能値から{ $percent }以内と証明されたもので、厳密な最適ではありません（tayoka solve --mip-gap 0で一つの計画の最適性を厳密に証明できます）
interior-plan-warning = この計画は内点法の解です。各段階の最適値に達し、すべての規則を守りますが、同じ評価の事業者の間で業務を分割しています（時間内に頂点の計画が見つかりませんでした）。時間を延ばすか、--features highs でビルドしてください
stopped-stage = 段階{ $stage }：この計画は{ $value }。どの計画も{ $bound }より{ $better ->
    [above] 上
   *[below] 下
}にはならない（線形緩和の限界）
plan-overrides = 適用した変更：{ $items }
plan-holds = 計画を決めている制約
plan-holds-intro = 上限・下限に達している各ルールと、その値を少し変えたときに各目的段階の最適値がどれだけ動くか（限界値。その段階の線形計画から求めたもの。<code>plan.json</code> の <code>binding</code> にもある）。
plan-stages = 目的の段階（順に）：{ $stages }
caption-allocation = 各業務の需要を事業者にどう分けたか。同じ国の事業者は同じ色系統で、国内事業者は濃い暖色（朱色）系統、かつ黒い印より左（白黒印刷でも区別できる）。
caption-shares = 事業者・企業・国ごとの量のシェア。各パネルの下にすべての制限を記す。
caption-concentration = 次元ごとの HHI と実効供給者数。
section-charts = グラフ
section-limits = 制限
section-eligibility = 適格性
section-run-record = 実行記録
card-total-cost = 総費用
card-cost-budget = { $cost }。予算{ $budget }の{ $share }
card-cost-no-budget = { $cost }。予算の設定なし
card-home-share = 自国シェア（{ $home }）
card-home-share-note = 全需要のうち{ $country }の事業者が担う割合
card-max-share = 最大{ $dim }シェア
card-held-by = 該当：{ $names }
card-max-share-abroad = { $home }以外の最大国シェア
card-effective = 実効事業者数
card-effective-note = 事業者シェアの HHI の逆数
card-sovereignty = 平均主権レベル
card-sovereignty-note = 0〜4、量で加重
card-moved = 現行の配分から移す量
card-exit-cost = 移行費用{ $cost }
card-contracts = 契約する事業者
card-contracts-note = 契約費用{ $cost }
card-discounts = 数量割引
card-no-foreign = 外国事業者なし
card-mosaic = データ集約リスク
card-mosaic-note = { $who }が見るデータ区分：{ $seen }
card-worst-cutoff = 単一の途絶による最大の未充足
card-worst-cutoff-note = 振り替え後も未充足となる重要需要の割合：{ $event }
th-workload = 業務
th-owner = 所管
th-class = 区分
th-critical = 重要
th-demand = 需要（{ $unit }）
th-today = 現状
th-plan = 計画（シェア、量）
th-cost = 費用（{ $currency }）
th-on = 対象
th-measured-over = 測る範囲
th-bound = 上限・下限
th-in-plan = 計画での値
limits-none = 政策に制限も予算もありません。
limits-largest = 最大：{ $value } { $share }
limits-every-value = （すべての値）
limits-critical-workloads = 重要業務
limits-all-workloads = 全業務
limits-binding = 制約中
eligible-mark = ✓ 適格
eligibility-intro = 業務と事業者の組ごとに、適格か、最初に満たさないルールを示す{ $note }。
record-input = 入力 <code>{ $path }</code> SHA-256 <code>{ $sha }</code>
record-solver = ソルバー{ $solver }
record-override = 変更 <code>{ $path } = { $value }</code>（{ $from }）

## 計画のグラフ。
chart-allocation-title = 業務別の配分 — { $run }
chart-allocation-desc = { $workloads }を{ $providers }中{ $used }事業者に配分。{ $shares }
chart-allocation-subtitle = 各業務の需要を各事業者が担う割合（凡例の順。黒い印より左が国内事業者）
chart-allocation-subtitle-some = 各業務の需要の事業者別の割合（黒い印より左が国内事業者）。{ $note }
chart-legend-domestic = { $name }（{ $code }）— 国内
chart-country-home = { $name }（{ $code }）— 自国
chart-shares-title = 事業者・企業・国別のシェア — { $run }
chart-shares-subtitle = 全需要に占める量のシェア（加重）。破線：制限の max_share、三角：min_share。
panel-provider = 事業者
panel-company = 企業
panel-country = 国
chart-home-share = 自国（{ $home }）シェア{ $share }
chart-limit-max = 上限{ $bound }（{ $id }）
limit-each = 各値
limit-bound = { $on } { $sign ->
    [max] 上限
   *[min] 下限
} { $bound }
limit-critical-now = 重要業務：{ $rule }、現在{ $now }
limit-critical = 重要業務：{ $rule }
limits-note = 制限：{ $limits }
chart-key-shares = 最大シェア：{ $largest }。自国（{ $home }）シェア{ $share }。
chart-concentration-title = 次元別の集中度 — { $run }
chart-concentration-desc = 実効供給者数（1/HHI）：{ $numbers }。
chart-concentration-subtitle = HHI = Σ シェア²（1 = 1社がすべてを担う）。実効供給者数 = 1 / HHI（同じ規模の供給者が何社分か）。
chart-effective-suppliers = 実効供給者数

## `check`。
warning = 警告
status-optimal = 最適
status-infeasible = 実行不能
check-plan-json = `tayoka solve` の plan.json
check-class = 、区分{ $class }
check-workload = （{ $demand }、能力{ $capability }{ $class }）
check-none = （なし）
check-eligible = 適格：{ $providers }
check-idle-provider = 事業者「{ $id }」はどの業務にも適格でなく、何も担わない
check-unused-price = `workloads.{ $workload }.prices.{ $provider }` は使われない：「{ $provider }」は「{ $workload }」を担えない（{ $reason }）
check-variants-load = 。{ $n }個のバリアントも読み込める
check-ok = ok：{ $workloads }、{ $providers }、適格な組{ $pairs }{ $variants }。実行可能な計画がある

## 分析：compare、sweep、frontier、alternatives、stress。
section-chart = グラフ
col-variant = バリアント
col-from = 移す元
col-to = 移す先
col-amount = 量
col-status = 状態
col-point = 点
col-min = 最小
col-max = 最大
th-variants = バリアント
th-variant = バリアント
th-description = 説明
th-status = 状態
th-overrides = 変更
th-metric = 指標
th-metrics = 指標
th-from = 移す元
th-to = 移す先
th-amount = 量
th-point = 点
th-plan-name = 計画
th-value = 値
th-optimal-plan = 最適な計画
th-smallest = 最小
th-largest = 最大
compare-title = 比較：{ $scenario }
compare-changes-against = { $first }からの配分の変化：
compare-page-title = 戦略の比較：{ $scenario }
compare-subtitle = { $n }列。変化は <strong>{ $first }</strong> との差
compare-changes = 配分の変化
compare-cost-why = 総費用の差の内訳
compare-infeasible = 実行不能なバリアント
sweep-page-title = 感度分析：{ $scenario }
sweep-axis = <code>{ $path }</code>（{ $n }値）
sweep-subtitle = { $axes }の{ $n }点
sweep-points = 点
sweep-infeasible = 実行不能な点
frontier-bound = { $x }の{ $word ->
    [cap] 上限
   *[floor] 下限
}
frontier-title = { $x }に対する{ $y }のフロンティア：{ $scenario }
frontier-page-title = フロンティア：{ $scenario }
frontier-subtitle = ε 制約法による{ $x }に対する{ $y }
frontier-section = フロンティア
frontier-plans = 計画
alternatives-title = { $scenario }の準最適な{ $dim }別シェア（{ $stage }を{ $bound }以内に保持、最適値{ $optimum }）：
alternatives-page-title = 準最適な代替案：{ $scenario }
alternatives-subtitle = { $stage }を{ $bound }以内に保持（最適値{ $optimum }、許容幅{ $slack }）。各値がとりうる{ $dim }別シェアの最小と最大
alternatives-ranges = 範囲
stress-intro = 各事象では、その値を持つすべての事業者を利用停止とする。失われた需要は、残る利用可能な事業者に、供給能力 ×（1 + 一時増強率 surge）の範囲で、重要業務から順に振り替える。割合は優先度で加重する。
th-event = 事象
th-lost-before = 振り替え前の損失
th-lost-critical = 損失（重要）
th-unserved-after = 振り替え後の未充足
th-unserved-critical = 未充足（重要）
th-workloads-short = 不足する業務
stress-single-section = 単一の途絶の影響
card-expected-unserved = 重要需要の未充足の期待値
card-all-demand = 全需要{ $share }
card-p-critical = 重要需要が未充足になる確率
card-samples = { $n }標本、シード{ $seed }
card-exact = 厳密計算、障害の組合せ{ $sets }
card-standard-error = 標準誤差{ $se }
card-cvar = CVaR 95%（重要）
card-failure-sets = 異なる障害の組合せ
card-each-solved = それぞれ1回解く
th-failed = 停止した事業者
th-probability = 確率
stress-mc-section = ストレス：独立に起きる障害
col-event = 事象
col-lost = 損失
col-lost-critical = 重要の損失
col-unserved = 未充足
col-unserved-critical = 重要の未充足
col-workloads-short = 不足する業務
stress-title = { $scenario }の単一の途絶（割合は優先度で加重。重要需要から振り替え）：
stress-mc = モンテカルロ、{ $samples }標本（シード{ $seed }）、異なる障害の組合せ{ $sets }：
stress-mc-exact = 障害の厳密計算：確率が1e-12を超える障害の組合せ{ $sets }をすべて列挙（残りの確率は合計{ $neglected }）：
stress-mc-figures =
    {"  "}未充足の期待値：重要{ $expected_critical }、全体{ $expected_all }
    {"  "}重要需要が未充足になる確率：{ $p_critical }
    {"  "}未充足の CVaR 95%：重要{ $cvar_critical }、全体{ $cvar_all }
stress-mc-errors = {"  "}標準誤差：重要需要の未充足の期待値{ $expected_critical }、確率{ $p_critical }、CVaR 95%（重要）{ $cvar_critical }

## 移行計画（pathway）。
year-today = 現在
year-k = { $k }年目
year-fiscal = { $year }年度
pathway-money-in-oku = （金額の単位：億円）
pathway-year = 年
pathway-exit-cost = 移行費用
pathway-moved = 移した量
pathway-home-share = 自国シェア
pathway-max-share = 最大事業者シェア
pathway-effective = 実効事業者数
pathway-built = 増設
pathway-no-plan-in = { $year }には実行可能な計画がありません：
pathway-settled = 計画は{ $year }以降変わらない。
pathway-still-changing = 計画は最終年もまだ変わっている。
pathway-joint-infeasible = { $n }年間のすべての年のルールを満たす計画はない。年ごとに計画すると、{ $year }が計画のない最初の年（各業務が1年に移せるのは最大{ $change }）。それより前の年は年ごとの計画による。
pathway-joint = { $n }年間を一体で計画（完全予見）。各業務が前年から移せるのは最大{ $change }。
pathway-myopic = 年ごとに計画（--myopic）：各年を前年から単独で計画。各業務が1年に移せるのは最大{ $change }。
pathway-builds-nothing = 増設なし：増設できる供給能力は計画を改善しない。
pathway-still-changing-short = 最終年もまだ変化
pathway-settled-after = { $year }以降は変化なし
pathway-against-myopic = 全期間を一体で計画した場合と、年ごとに計画した場合との比較（括弧内が年ごと）：最大事業者シェアの年平均は{ $dep }（{ $dep_myopic }）、全年の合計は{ $sum }（{ $sum_myopic }）。外国シェアの平均は{ $foreign }（{ $foreign_myopic }）。移行量の合計は{ $moved }{ $unit }（{ $moved_myopic }{ $unit }）。費用は{ $cost }（{ $cost_myopic }）で、割引後、移行費用と投資を含む。{ $settled }。
pathway-settled-both = どちらも{ $what }
pathway-settled-vs = 一体では{ $joint }、年ごとでは{ $myopic }
pathway-title = { $scenario }の移行計画{ $unit }：
pathway-page-title = 移行計画：{ $scenario }
pathway-shares-by-year = 年ごとのシェア
pathway-years = 年
pathway-no-plan-section = { $year }：実行可能な計画なし
pathway-added-in = { $year }に{ $amount }
pathway-builds = 増設{ $total }：{ $parts }。投資{ $cost }。
pathway-built-short = 増設：{ $parts }。
pathway-error = { $label }（移行計画の{ $year }年目）には実行可能な計画がありません：{ $diagnosis }

## 主権と分散のトレードオフ。
tradeoff-sentence = 自国シェアを{ $from }（分散の最適解）から{ $to }（実現できる最大）に高めると、最大事業者シェアは{ $share_from }から{ $share_to }に{ $share_verb ->
    [lowers] 下がり
   *[raises] 上がり
}、費用は{ $cost }{ $relative ->
    [none] {""}
   *[other] （{ $relative }）
}{ $cost_verb ->
    [lowers] 下がる
   *[raises] 上がる
}。
tradeoff-middle = 自国シェア{ $home }では、最大事業者シェアは{ $share }、費用は{ $cost }。
tradeoff-own = 主権を目的とする計画そのものは、同じ自国シェアで最大事業者シェアが{ $own }になる。自国シェアが最大に達した後に分散させれば、自国シェアを失わずに{ $share }まで下げられる。
tradeoff-floor = 下限
tradeoff-largest = 最大事業者
tradeoff-cost = 費用
tradeoff-vs-diversify = 分散との差
tradeoff-last-point = 自国シェアが最大の計画
tradeoff-first-point = 分散の最適解
tradeoff-chart-title = 主権と分散 — { $scenario }
tradeoff-chart-note = 線：自国シェアを下限に固定し、分散の段階、次に費用を最適化。菱形：分散と主権の最適解。
tradeoff-page-title = 主権と分散：{ $scenario }
tradeoff-title = 主権と分散：{ $scenario }

## 分析のグラフ。
panel-home-share = 自国シェア
panel-max-provider = 最大事業者シェア
panel-max-country = 最大国シェア
chart-compare-title = 戦略の比較 — { $scenario }
chart-compare-subtitle = 各パネル：バリアントごとに1本の棒。実行不能なバリアントは印を付ける。
chart-compare-shares-title = バリアント別の事業者シェア — { $scenario }
chart-compare-shares-subtitle = 全需要に占める事業者別の量のシェア。同じ国の事業者は同じ色系統、黒い印より左が国内事業者。
chart-no-plan = 計画なし
chart-stacked-desc = 行ごとの最大事業者シェア：{ $rows }。
chart-compare-desc = 列ごとの総費用と最大事業者シェア：{ $rows }。
chart-compare-desc-row = { $label } { $cost }、{ $top }
chart-sweep-desc = { $n }点の{ $metrics }。{ $without ->
    [0] すべての点に計画がある。
   *[other] { $without }点は計画なし。
}
chart-alternatives-desc = 最適値付近での{ $n }個のシェアの範囲。最も幅が広いのは{ $value }で、{ $min }から{ $max }まで。
chart-stress-desc = 途絶{ $n }件。最悪の{ $event }では、全需要の{ $unserved }、重要需要の{ $critical }が未充足になる。{ $rerouted }件はすべて振り替えられる。
chart-mc-desc = { $basis }：重要需要の未充足の期待値{ $expected }、重要需要が未充足になる確率{ $p }、CVaR95 { $cvar }。
chart-pathway-title = 年ごとの事業者シェア — { $scenario }
chart-pathway-subtitle = 現行の配分から、各業務が1年に移せるのは最大{ $change }。黒い印より左が国内事業者。
chart-sweep-title = { $axes }の感度分析
chart-sweep-subtitle = 各点は1回の完全な求解。× は実行可能な計画がない点。
chart-frontier-title = フロンティア：{ $x }に対する{ $y } — { $scenario }
chart-frontier-note = 線：x の各上限（自国シェアでは下限）に対する最良の y（ε 制約法）。菱形：基本計画と各バリアント。
chart-frontier-desc = { $n }点、{ $from }から{ $to }まで。
chart-alternatives-title = 準最適な{ $dim }別シェア — { $scenario }
chart-alternatives-subtitle = { $stage }を最適値（{ $optimum }）から{ $slack }以内に保つときの各シェアの範囲。点：最適な計画。
chart-stress-title = 各途絶後の未充足需要 — { $scenario }
chart-stress-subtitle = 振り替え後に未充足となる各業務の需要の割合（重要業務に * 印）。
chart-stress-rerouted = 失われたがすべて振り替え済み
chart-stress-partly = 一部未充足
chart-stress-all = すべて未充足
chart-mc-title = 独立に起きる障害：重要需要の未充足 — { $scenario }
chart-mc-subtitle = { $basis }：期待値{ $expected }、重要需要が未充足になる確率{ $p }、CVaR95 { $cvar }。
chart-mc-none = { $share }未充足なし
chart-mc-axis = 重要需要の未充足の割合（棒：確率）
wrote-files = { $dir }に{ $n }ファイルを書き出しました

## A plan's cost against another's, part by part.
cost-change = { $plan }の総費用は{ $reference }より{ $amount }{ $way ->
    [more] 多い
   *[less] 少ない
  }。内訳は、{ $parts }。
cost-change-same = { $plan }の総費用は{ $reference }と同じ。
cost-part-usage = 単価の差による{ $way ->
    [more] 増加
   *[less] 減少
  }{ $amount }
cost-part-discounts = { $way ->
    [more] 受けられなくなる数量割引
   *[less] 新たに受ける数量割引
  }{ $amount }{ $listed ->
    [yes] （{ $levels }）
   *[no] {""}
  }
cost-part-contracts = { $n ->
    [0] 契約先の入れ替えによる
   *[other] 契約{ $n }社{ $held ->
        [more] 増
       *[less] 減
      }による
  }{ $way ->
    [more] 増加
   *[less] 減少
  }{ $amount }
cost-part-exit = 移行費用の{ $way ->
    [more] 増加
   *[less] 減少
  }{ $amount }
level-change = { $provider }：{ $from }→{ $to }
level-none = なし

## 計画の要約と報告書の冒頭に置く結論（report/headline.rs answer）
answer-held = { $share }（{ $who }）
answer-falls = { $from }から{ $to }に低下
answer-rises = { $from }から{ $to }に上昇
answer-stays = { $to }で変わらず
answer-today = 現行の配分から計画へ、最大事業者シェアは{ $share }、自国（{ $home }）シェアは{ $home_change }。
answer-plan = 計画の最大事業者シェアは{ $share }、自国（{ $home }）シェアは{ $home_share }。
answer-cost-budget = 総費用は{ $cost }で、予算{ $budget }の{ $share }。
answer-cost = 総費用は{ $cost }。
answer-over-cheapest = 同じ条件で最も安い計画より{ $over }（{ $percent }）多い。
answer-is-cheapest = 条件の範囲で最も安い計画である。
answer-worst = 単一の途絶で生じる最大の未充足は、{ $event }の途絶による重要需要の{ $share }（振り替え後）。
answer-worst-all = 単一の途絶で生じる最大の未充足は、{ $event }の途絶による需要の{ $share }（振り替え後）。
answer-holds = 計画を最も強く制約している条件は{ $rule }（{ $stage }の段階）。

## compare の結論（report/compare.rs compare_answer）
compare-answer-cheapest = 最も安い：{ $who }（{ $value }）。
compare-answer-home = 自国シェアが最も高い：{ $who }（{ $value }）。
compare-answer-largest = 最大事業者シェアが最も小さい：{ $who }（{ $value }）。
compare-answer-worst = 単一の途絶で生じる最大の未充足が最も小さい：{ $who }（{ $value }）。
compare-answer-no-plan = すべての条件を満たす計画がない：{ $who }。

## stress の結論（report/stress.rs stress_answer）
stress-answer-worst = 単一の途絶で最も影響が大きいのは{ $event }で、振り替え後も重要需要の{ $critical }（需要全体の{ $all }）が未充足となる。{ $events }件の途絶のうち{ $hurt }件で重要需要の一部が未充足となる。
stress-answer-mc = 各事業者・各国の途絶確率のもとでは、{ $samples }回の試行のうち{ $p_critical }で重要需要の一部が未充足となる。未充足となる重要需要は平均{ $expected_critical }、最悪5%の平均（CVaR 95%）で{ $cvar_critical }。
stress-answer-mc-exact = 各事業者・各国の途絶確率のもとでは、重要需要の一部が未充足となる確率は{ $p_critical }（すべての障害の組合せによる厳密計算）。未充足となる重要需要は平均{ $expected_critical }、最悪5%の平均（CVaR 95%）で{ $cvar_critical }。

## ワークブック（report/xlsx.rs）：シート名と列見出し。
xlsx-sheet = { $name ->
    [answer] 結論
    [allocation] 配分
    [shares] シェア
    [limits] 制限
    [binding] 計画を制約している条件
    [stress] 供給途絶
    [stress-workloads] 供給途絶（業務別）
    [montecarlo] モンテカルロ
    [compare] 比較
    [compare-wide] 比較（横長）
    [changes] 変化
    [sweep] 感度分析
    [frontier] フロンティア
    [tradeoff] 主権と分散
    [alternatives] 準最適の範囲
    [pathway] 移行計画
    [pathway_allocation] 移行計画（配分）
    [investment] 投資
   *[other] { $name }
}
xlsx-header = { $key ->
    [workload] 業務
    [workload_name] 業務名
    [owner] 所管
    [provider] 事業者
    [provider_name] 事業者名
    [company] 企業
    [country] 国
    [amount] 量
    [fraction] 割合
    [cost] 費用
    [dimension] 観点
    [value] 値
    [name] 名称
    [volume_share] 量のシェア
    [spend_share] 支出のシェア
    [max_share] 上限シェア
    [min_share] 下限シェア
    [max_amount] 上限量
    [min_amount] 下限量
    [limit] 制限
    [scope] 対象業務
    [key] 種類
    [bound] 上限・下限
    [reached] 計画での値
    [holder] 該当する値
    [slack] 余裕
    [binding] 制約中
    [rule] 条件
    [stage] 段階
    [set] --set のパス
    [marginal] 限界値
    [event] 途絶
    [aliases] 同じ途絶
    [providers] 事業者
    [lost] 失われた量
    [lost_fraction] 失われた割合
    [lost_critical] 失われた量（重要業務）
    [lost_critical_fraction] 失われた割合（重要業務）
    [unserved] 未充足
    [unserved_fraction] 未充足の割合
    [unserved_critical] 未充足（重要業務）
    [unserved_critical_fraction] 未充足の割合（重要業務）
    [workloads_short] 不足する業務
    [critical] 重要業務
    [variant] バリアント
    [from] 移行元
    [to] 移行先
    [year] 年度
    [label] ラベル
    [kind] 種類
    [plan] 計画
    [probability] 確率
    [samples] 試行数
    [failed] 途絶した事業者
    [x_cap] 上限
    [optimal_share] 最適計画でのシェア
    [added] 増設
    [infeasible] 実行不能
    [metric] 指標
    [status] 状態
    [holders] 該当する値（すべて）
   *[other] { $key }
}

## 目的の段階（report/headline.rs stage_name）。
stage-max-share = 最大{ $dim }シェア
stage-name = { $stage ->
    [home_share] 自国シェア
    [cost] 総費用
    [worst_cutoff] 単一の途絶で生じる最大の未充足
    [total_cost] 総費用
    [mean_sovereignty] 平均主権レベル
    [moved] 現行の配分から移す量
    [exit_cost] 移行費用
    [cost_change] 費用の差
    [cost_change_fraction] 費用の差（%）
    [contracts] 契約数
    [worst_cutoff_event] 最大の未充足を生じる途絶
   *[other] { $stage }
}
objective-name = { $objective ->
    [diversify] 分散
    [sovereignty] 自国での整備
    [cost] 費用最小
    [resilience] 強靱性
   *[other] { $objective }
}
limits-each = いずれも{ $bound }（{ $id }）
answer-unavoidable = どのように配分しても、すべての事業者が同じ{ $dim }（{ $value }）に依存しており、これが途絶すると全需要が未充足となる。配分では下げられない依存である。
card-max-share-provider-company = 最大事業者・企業シェア
chart-budget-line = 予算{ $budget }
tradeoff-limit-line = { $id }：上限{ $bound }
tradeoff-cost-binds = 各点の総費用：点{ $k }（自国シェア{ $home }）以降は予算が制約している。
tradeoff-cost-free = 各点の総費用：どの点でも予算は制約していない。
stage-effective-number = 実効{ $dim }数
row-in-oku = { $name }（億円）
share-held = { $share }：{ $who }
stage-hhi = { $dim }のHHI
stage-holder = 最大{ $dim }シェアの保有者
xlsx-rows-cut = シート「{ $sheet }」には全{ $total }行のうち最初の{ $shown }行のみを収める（Excelの上限）。すべて{ $file }にある。
chart-row-cap = 上限{ $cap }
chart-pathway-limits = 三角：その年の自国シェアの下限。右端：各事業者シェアの上限。
frontier-answer-range = 点1から点{ $n }までに、{ $x }は{ $x_from }から{ $x_to }に、{ $y }は{ $y_from }から{ $y_to }になる。
frontier-answer-bend = 曲線は点{ $k }（{ $x }{ $x_at }）で折れる。そこから先は{ $x }の{ $step }ごとに{ $y }が{ $after }動き、それまでの{ $before }を上回る。
frontier-answer-straight = 曲線はほぼ直線で、{ $x }の{ $step }ごとに{ $y }がおよそ{ $rate }動く。
frontier-answer-why = この点で{ $rules }が限度に達する。
frontier-step-point = 1ポイント
frontier-step-percent = 1%
span = { $from }～{ $to }
sweep-answer-change = 。計画が得られる最小の変更は、{ $rule }を{ $value }にすること
sweep-answer-none = { $path } = { $values }では計画がない{ $change }。
sweep-answer-none-count = { $total }点のうち{ $n }点で計画がない{ $change }。
sweep-answer-room = { $path }は計画のあるすべての点で余裕があり、計画を変えない（{ $metric }は{ $value }）。
sweep-answer-bound = { $path }は計画のあるすべての点で限度に達しており、全域で計画を決めている（{ $metric }は{ $value }）。
sweep-answer-bends = 曲線は{ $path }が限度を離れる所で折れる。{ $bound }では限度に達しており（{ $metric }は{ $at_bound }）、{ $room }では余裕があって計画を変えない（{ $metric }は{ $with_room }）。
sweep-answer-flat = { $metric }は計画のあるすべての点で同じ（{ $value }）。
sweep-answer-range = { $metric }は{ $lo }（{ $lo_at }）から{ $hi }（{ $hi_at }）まで動く。
sweep-answer-bend = 曲線は{ $at }で折れる。{ $flat ->
    [yes] それまでは平らで、そこから{ $metric }が動く。
   *[other] そこから先は{ $metric }が{ $ratio }倍の速さで動く。
}
brief-shares = 配分：最大事業者シェア{ $share }（{ $who }）、自国（{ $home }）シェア{ $home_share }。
brief-tied = { $n }者同率
brief-cost = 費用：{ $cost }{ $budget }{ $cheapest }。
brief-budget = （予算の{ $share }）
brief-over = 、最も安い計画より{ $percent }高い
brief-cheapest = 、同じ条件で最も安い計画
brief-risk = 最大の途絶：{ $event }で{ $critical ->
    [yes] 重要需要
   *[no] 需要
}の{ $share }が未充足{ $unavoidable }。
brief-unavoidable = 。全事業者が{ $value }に依存
brief-moved = { $from }→{ $to }
override-from-variant = バリアント「{ $variant }」
override-from-preset = プリセット「{ $preset }」
override-source = （{ $source }）
