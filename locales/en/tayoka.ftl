# tayoka's texts for people, in English. Each message has the same id in
# locales/ja/tayoka.ftl (tests/cli/lang.rs checks both files hold the same ids
# and that every id the code uses is here). Numbers arrive formatted.

list-separator = {", "}
sentence-separator = {". "}
country-label = { $name } ({ $code })
n-workloads = { $n ->
    [one] { $n } workload
   *[other] { $n } workloads
}
n-categories = { $n ->
    [one] { $n } category
   *[other] { $n } categories
}
n-providers = { $n ->
    [one] { $n } provider
   *[other] { $n } providers
}
dim-value = { $dim ->
    [provider] provider
    [company] company
    [country] country
    [chips] chip vendor
    [group] group
   *[other] { $dim }
}
cutoff-name = { $dim } { $value }
cutoff-aliases = { $name } (= { $aliases })

## The rules of a scenario, as the binding list and the diagnosis name them.
rule-limit = limit '{ $id }' ({ $on }{ $scope }, { $bounds })
rule-on-value = { $dim } { $value }
rule-on-every = every { $dim }
rule-on-every-here = every { $dim }, here { $value }
rule-scope-critical = {", critical workloads"}
rule-capacity = capacity of '{ $id }' ({ $capacity }{ $unit })
rule-capacity-provider = capacity of provider '{ $id }' ({ $capacity }{ $unit })
rule-min-volume-provider = minimum volume of provider '{ $id }' ({ $amount }{ $unit })
rule-capacity-buildable = capacity of provider '{ $id }' ({ $capacity }{ $unit }, and { $buildable } more it may build)
rule-capacity-every = capacity of every provider
rule-budget = budget { $amount }
rule-key = { $key } { $value }
rule-survive = survive min_served { $value }
rule-workload-key = workload '{ $id }' { $key } { $value }
rule-demand-part = demand of workload '{ $id }' ({ $demand }{ $unit }), served only in part
rule-all-workloads = (all workloads)

## Why a provider may not serve a workload.
reason-capability-missing = capability { $capability } missing
reason-quality = quality { $have } < { $need }
reason-certification = lacks certification { $certification }
reason-sovereignty = sovereignty { $have } < { $need }
reason-region = no region in [{ $regions }]
reason-not-domestic = not domestic ({ $country })
reason-allow-list = not in the allow-list
reason-excluded = excluded
reason-no-capacity = no capacity

## The diagnosis of a scenario without a plan.
diag-title = no feasible plan for `{ $scenario }`
diag-title-variant = no feasible plan for `{ $scenario }` (variant { $variant })
diag-no-eligible = workload '{ $workload }' has no eligible provider
diag-workload-capacity = workload '{ $workload }' needs { $demand }{ $unit }, but its eligible providers ({ $providers }) have { $capacity } in all
diag-provider-fraction = workload '{ $workload }': max_provider_fraction { $fraction } x { $eligible ->
    [one] { $eligible } eligible provider
   *[other] { $eligible } eligible providers
} < 1, so its demand cannot be split
diag-too-few = workload '{ $workload }' needs at least { $min } providers but only { $eligible } may serve it
diag-class-capacity = class '{ $class }': eligible capacity { $capacity } < demand { $demand }{ $unit } (providers: { $providers })
diag-budget = budget { $budget } is below { $cost }, the cost with every workload on its cheapest eligible provider at its deepest volume discount
diag-smallest-one = the smallest change that makes a plan possible (one rule, changed by exactly as much as it must; policy rules before capacity, capacity before demand)
diag-smallest-many = the smallest change that makes a plan possible (no rule alone will do; these together)
diag-other-one = or change this rule alone
diag-other-many = or change these rules together
diag-try = try: { $sets }
heading-colon = { $heading }:
wrote-diagnosis = wrote the diagnosis to { $dir }
wrote-model = wrote { $stages ->
    [one] the first stage's programme
   *[other] { $stages } stages' programmes
} (MPS and LP) to { $dir }
model-not-a-folder = `{ $path }` is a file, not a folder: `--write-model` names a folder for the model files
serve-stop = Ctrl-C stops the server
serve-no-browser = no browser to open ({ $opener }): open the address above
model-same-folder = `--write-model` must name a folder other than the plan's ({ $dir }): each holds one run's files
sweep-no-plan = no point of the sweep has a plan: each of the { $n } points is infeasible, and diagnoses.json and the report give each one's diagnosis
diag-together = no single rule is infeasible on its own; these rules together leave no plan:
diag-relax = relax one of them (for example with --set PATH=VALUE) and solve again
diag-page-title = No feasible plan: { $scenario }
diag-page-subtitle = Scenario <code>{ $scenario }</code> · variant <strong>{ $variant }</strong>
diag-section = Diagnosis
diag-col-rule = Rule
diag-col-now = Now
diag-col-feasible = Feasible at
diag-col-try = Try
diag-col-where = Where
names-and-more = { $names } and { $more } more
n-points = { $n ->
    [one] { $n } point
   *[other] { $n } points
}

## The headline figures, shared by the terminal and the report.
headline-abroad-note = the objective's country stage leaves { $home } out: count_home = false
headline-moved = { $amount }{ $unit } (exit cost { $cost })
headline-contracts = { $n } held, { $cost }
headline-discount = { $provider } { $off } off ({ $amount })
headline-no-discount = none
binding-step-percent = 1% ({ $amount })
binding-line = { $rule } binds { $stage }: { $verb ->
    [lowers] lowers
   *[raises] raises
} it at a rate of { $size } per { $step } { $direction ->
    [more] more
   *[less] less
}
left-out = showing the { $shown } largest of { $total } workloads by demand; all of them are in { $file }
left-out-changes = showing the { $shown } largest of { $total } changes; all are in { $file }

## The terminal summary of `solve`.
summary-title = { $title }  [{ $name } / { $label }]  objective: { $objective }, solver: { $solver }
summary-with = with { $sets }
summary-allocation = Allocation
summary-shares = Shares
summary-headline = Headline
summary-stages = Objective stages: { $stages }
summary-holds = What holds the plan (marginal values, per stage):
col-workload = workload
col-owner = owner
col-demand = demand ({ $unit })
col-providers = providers
col-dimension = dimension
col-value = value
col-volume-share = volume share
col-spend-share = spend share
col-limits = limits
col-metric = metric
value-home = { $value } (home)
limits-critical = {"critical: "}{ $share }{" "}
limits-amount = { $amount }{" "}
metric-total-cost = total cost
metric-budget = budget
metric-home-share = home share ({ $home })
metric-moved = moved from today's split
metric-mosaic = mosaic exposure
metric-contracts = contracts held
metric-discounts = volume discounts taken
metric-worst-cutoff = worst single cut-off
worst-cutoff-value = { $share } critical unserved ({ $event })
metric-mean-sovereignty = mean sovereignty level
metric-max-share = max { $dim } share
metric-max-share-abroad = max country share besides { $home }
metric-effective = effective number ({ $dim })

## The plan report (report.html).
yes = yes
plan-subtitle = Scenario <code>{ $scenario }</code> · variant <strong>{ $variant }</strong> · objective <strong>{ $objective }</strong> · { $workloads }, { $providers }
plan-not-optimal = <strong>Not proven optimal:</strong> the time limit stopped the solver; this is the best plan it found, and it satisfies every rule.
time-limit-warning = the time limit stopped the solver before it proved the optimum; this is the best plan found, and it satisfies every rule
mip-gap-note = integer rules: a stage's branch and bound stopped once its plan was proven within { $percent } of the best possible (--mip-gap; 0 proves each optimum exactly)
analysis-mip-gap-note = integer rules: some plans here are proven within { $percent } of the best possible, not exactly (tayoka solve --mip-gap 0 proves one plan's optimum exactly)
interior-plan-warning = the plan is the interior-point engine's: it reaches every stage's optimum and keeps every rule, but splits workloads among the providers that tie for them (no vertex plan was found in time); give more time, or build with --features highs
stopped-stage = stage { $stage }: this plan { $value }; no plan reaches { $better ->
    [above] above
   *[below] below
} { $bound } (the linear relaxation's bound)
plan-overrides = Overrides applied: { $items }
plan-holds = What holds the plan
plan-holds-intro = Each rule at its bound, and how much a small change of its value moves each objective stage's optimum (its marginal value, from that stage's linear programme; also in <code>plan.json</code> under <code>binding</code>).
plan-stages = Objective stages, in order: { $stages }
caption-allocation = Each workload's demand split across its providers; providers of one country share a colour family, domestic providers in the darker warm (vermillion) family and left of the black mark, so that the split reads in greyscale too.
caption-shares = Volume shares of every provider, company and country, with every limit named under its panel.
caption-concentration = HHI and effective number of suppliers per dimension.
section-charts = Charts
section-limits = Limits
section-eligibility = Eligibility
section-run-record = Run record
card-total-cost = Total cost
card-cost-budget = { $cost }; { $share } of the budget of { $budget }
card-cost-no-budget = { $cost }; no budget set
card-home-share = Home share ({ $home })
card-home-share-note = of all demand with { $country } providers
card-max-share = Max { $dim } share
card-held-by = held by { $names }
card-max-share-abroad = Max country share besides { $home }
card-effective = Effective number of providers
card-effective-note = 1 / HHI of provider shares
card-sovereignty = Mean sovereignty level
card-sovereignty-note = 0..4, volume-weighted
card-moved = Moved from today's split
card-exit-cost = exit cost { $cost }
card-contracts = Contracts held
card-contracts-note = providers serving anything; their contracts cost { $cost }
card-discounts = Volume discounts
card-no-foreign = no foreign provider
card-mosaic = Mosaic exposure
card-mosaic-note = { $n ->
    [one] data category
   *[other] data categories
} seen by { $who }: { $seen }
card-worst-cutoff = Worst single cut-off
card-worst-cutoff-note = of critical demand unserved after re-routing: { $event }
th-workload = Workload
th-owner = Owner
th-class = Class
th-critical = Critical
th-demand = Demand ({ $unit })
th-today = Today
th-plan = Plan (share, amount)
th-cost = Cost ({ $currency })
th-on = On
th-measured-over = Measured over
th-bound = Bound
th-in-plan = In the plan
limits-none = The policy sets no limits and no budget.
limits-largest = largest: { $value } { $share }
limits-every-value = (every value)
limits-critical-workloads = critical workloads
limits-all-workloads = all workloads
limits-binding = binding
eligible-mark = ✓ eligible
eligibility-intro = For each workload and provider: eligible, or the first rule that fails{ $note }.
record-input = input <code>{ $path }</code> SHA-256 <code>{ $sha }</code>
record-solver = solver { $solver }
record-override = override <code>{ $path } = { $value }</code> from { $from }

## The plan's charts.
chart-allocation-title = Allocation by workload — { $run }
chart-allocation-desc = { $workloads } on { $used } of { $providers }. { $shares }
chart-allocation-subtitle = Share of each workload's demand served by each provider, in the legend's order; domestic providers left of the black mark
chart-allocation-subtitle-some = Share of each workload's demand by provider, domestic left of the black mark; { $note }
chart-legend-domestic = { $name } ({ $code }) — domestic
chart-country-home = { $name } ({ $code }) — home
chart-shares-title = Shares by provider, company and country — { $run }
chart-shares-subtitle = Volume share of all demand (weighted). Dashed line: a limit's max_share; triangle: its min_share.
panel-provider = Provider
panel-company = Company
panel-country = Country
chart-home-share = home ({ $home }) share { $share }
chart-limit-max = max { $bound } ({ $id })
limit-each = each
limit-bound = { $sign ->
    [max] max
   *[min] min
} { $bound } { $on }
limit-critical-now = critical workloads: { $rule }, now { $now }
limit-critical = critical workloads: { $rule }
limits-note = Limits: { $limits }
chart-key-shares = Largest share: { $largest }. Home ({ $home }) share { $share }.
chart-concentration-title = Concentration by dimension — { $run }
chart-concentration-desc = Effective number of suppliers (1/HHI): { $numbers }.
chart-concentration-subtitle = HHI = Σ share² (1 = one supplier holds everything); effective number = 1 / HHI (as many equal suppliers).
chart-effective-suppliers = Effective number of suppliers

## `check`.
warning = warning
status-optimal = optimal
status-infeasible = infeasible
check-plan-json = the plan.json of `tayoka solve`
check-class = {", class "}{ $class }
check-workload = ({ $demand }, capability { $capability }{ $class })
check-none = (none)
check-eligible = eligible: { $providers }
check-idle-provider = provider '{ $id }' serves no workload: it is eligible for none
check-unused-price = `workloads.{ $workload }.prices.{ $provider }` is never paid: '{ $provider }' may not serve '{ $workload }' ({ $reason })
check-variants-load = { $n ->
    [one] ; { $n } variant loads
   *[other] ; { $n } variants load
}
check-ok = ok: { $workloads }, { $providers }, { $pairs } eligible pairs{ $variants }; a feasible plan exists

## The analyses: compare, sweep, frontier, alternatives, stress.
section-chart = Chart
col-variant = variant
col-from = from
col-to = to
col-amount = amount
col-status = status
col-point = point
col-min = min
col-max = max
th-variants = Variants
th-variant = Variant
th-description = Description
th-status = Status
th-overrides = Overrides
th-metric = Metric
th-metrics = Metrics
th-from = From
th-to = To
th-amount = Amount
th-point = Point
th-plan-name = Plan
th-value = Value
th-optimal-plan = Optimal plan
th-smallest = Smallest
th-largest = Largest
compare-title = Compared: { $scenario }
compare-changes-against = Allocation changes against { $first }:
compare-page-title = Strategies compared: { $scenario }
compare-subtitle = { $n ->
    [one] { $n } column
   *[other] { $n } columns
}; changes are against <strong>{ $first }</strong>
compare-changes = Allocation changes
compare-cost-why = Why the cost differs
compare-infeasible = Infeasible variants
sweep-page-title = Sweep: { $scenario }
sweep-axis = <code>{ $path }</code> ({ $n ->
    [one] { $n } value
   *[other] { $n } values
})
sweep-subtitle = { $n ->
    [one] { $n } point
   *[other] { $n } points
} over { $axes }
sweep-points = Points
sweep-infeasible = Infeasible points
frontier-bound = { $word ->
    [cap] cap
   *[floor] floor
} on { $x }
frontier-title = Frontier of { $y } against { $x }: { $scenario }
frontier-page-title = Frontier: { $scenario }
frontier-subtitle = { $y } against { $x } by the epsilon-constraint method
frontier-section = Frontier
frontier-plans = Plans
alternatives-title = Near-optimal { $dim } shares of { $scenario } with { $stage } held to { $bound } (optimum { $optimum }):
alternatives-page-title = Near-optimal alternatives: { $scenario }
alternatives-subtitle = { $stage } held to { $bound } (optimum { $optimum }, slack { $slack }); the smallest and largest { $dim } share each value can take
alternatives-ranges = Ranges
stress-intro = Each event cuts off every provider with that value; the lost demand is re-routed to surviving eligible providers within capacity × (1 + surge), critical demand first. Fractions are priority-weighted.
th-event = Event
th-lost-before = Lost before re-routing
th-lost-critical = Lost, critical
th-unserved-after = Unserved after
th-unserved-critical = Unserved, critical
th-workloads-short = Workloads short
stress-single-section = Stress: single cut-offs
card-expected-unserved = Expected unserved, critical
card-all-demand = all demand { $share }
card-p-critical = P(any critical unserved)
card-samples = { $n } samples, seed { $seed }
card-exact = exact, { $sets } failure sets
card-standard-error = standard error { $se }
card-cvar = CVaR 95%, critical
card-failure-sets = Distinct failure sets
card-each-solved = each solved once
th-failed = Failed providers
th-probability = Probability
stress-mc-section = Stress: independent outages
col-event = event
col-lost = lost
col-lost-critical = lost crit.
col-unserved = unserved
col-unserved-critical = unserved crit.
col-workloads-short = workloads short
stress-title = Single cut-offs of { $scenario } (fractions priority-weighted; critical demand first):
stress-mc = Monte Carlo, { $samples } samples (seed { $seed }), { $sets } distinct failure sets:
stress-mc-exact = Outages, exact: { $sets } failure sets enumerated, every one with probability above 1e-12 (the rest together { $neglected }):
stress-mc-figures =
    {"  "}expected unserved: critical { $expected_critical }, all { $expected_all }
    {"  "}P(any critical demand unserved): { $p_critical }
    {"  "}CVaR 95% of unserved: critical { $cvar_critical }, all { $cvar_all }
stress-mc-errors = {"  "}standard errors: expected critical { $expected_critical }, P { $p_critical }, CVaR 95% critical { $cvar_critical }

## The pathway.
year-today = today
year-k = year { $k }
year-fiscal = { $year }
# Not shown in English: its money carries its own unit.
pathway-money-in-oku = {""}
pathway-year = year
pathway-exit-cost = exit cost
pathway-moved = moved
pathway-home-share = home share
pathway-max-share = max provider share
pathway-effective = effective providers
pathway-built = built
pathway-no-plan-in = { $year } has no feasible plan:
pathway-settled = The plan no longer changes after { $year }.
pathway-still-changing = The plan is still changing in the last year.
pathway-joint-infeasible = No plan meets every year's rules over the { $n ->
    [one] { $n } year
   *[other] { $n } years
}: planned year by year, { $year } is the first year without one (at most { $change } of each workload moving in a year); the years before it are the year-by-year plan's.
pathway-joint = Planned as one over { $n ->
    [one] { $n } year
   *[other] { $n } years
} (perfect foresight); at most { $change } of each workload moves from one year to the next.
pathway-myopic = Planned year by year (--myopic): each year alone from the year before; at most { $change } of each workload moves in a year.
pathway-builds-nothing = Builds nothing: no capacity that may be built improves the plan.
pathway-still-changing-short = still changing in the last year
pathway-settled-after = settled after { $year }
pathway-against-myopic = Against planning year by year (joint vs year by year): largest provider share { $dep } vs { $dep_myopic } a year on average (summed over the years { $sum } vs { $sum_myopic }); foreign share { $foreign } vs { $foreign_myopic } on average; moved { $moved } vs { $moved_myopic }{ $unit } in all; cost { $cost } vs { $cost_myopic } (discounted, with exit costs and investment); { $settled }.
pathway-settled-both = both { $what }
pathway-settled-vs = { $joint } vs { $myopic }
pathway-title = Pathway of { $scenario }{ $unit }:
pathway-page-title = Pathway: { $scenario }
pathway-shares-by-year = Shares by year
pathway-years = Years
pathway-no-plan-section = { $year }: no feasible plan
pathway-added-in = { $amount } in { $year }
pathway-builds = Builds { $total }: { $parts }; investment { $cost }.
pathway-built-short = Built: { $parts }.
pathway-error = { $label } (year { $year } of the pathway) has no feasible plan: { $diagnosis }

## The sovereignty-diversification trade-off.
tradeoff-sentence = Raising the home share from { $from } (the diversify optimum) to { $to } (the most any plan reaches) { $share_verb ->
    [lowers] lowers
   *[raises] raises
} the largest provider share from { $share_from } to { $share_to }, and { $cost_verb ->
    [lowers] lowers
   *[raises] raises
} cost by { $cost }{ $relative ->
    [none] {""}
   *[other] {" "}({ $relative })
}.
tradeoff-middle = At { $home } home, the largest provider share is { $share } and cost { $cost }.
tradeoff-own = The sovereignty objective's own plan reaches the same home share with the largest provider share at { $own }: diversifying once the home share is at its best brings it down to { $share } at no loss of home share.
tradeoff-floor = floor
tradeoff-largest = largest provider
tradeoff-cost = cost
tradeoff-vs-diversify = vs diversify
tradeoff-last-point = The plan at the highest home share
tradeoff-first-point = the diversify optimum
tradeoff-chart-title = Sovereignty against diversification — { $scenario }
tradeoff-chart-note = Line: the home share held at a floor, then the diversify stages, then cost. Diamonds: the diversify and sovereignty optima.
tradeoff-page-title = Sovereignty and diversification: { $scenario }
tradeoff-title = Sovereignty against diversification: { $scenario }

## The analyses' charts.
panel-home-share = Home share
panel-max-provider = Max provider share
panel-max-country = Max country share
chart-compare-title = Strategies compared — { $scenario }
chart-compare-subtitle = Each panel: one bar per variant. Infeasible variants are marked.
chart-compare-shares-title = Provider shares per variant — { $scenario }
chart-compare-shares-subtitle = Volume share of all demand by provider; providers of one country share a colour family, domestic left of the black mark.
chart-no-plan = no plan
chart-stacked-desc = Largest provider share per row: { $rows }.
chart-compare-desc = Total cost and largest provider share per column: { $rows }.
chart-compare-desc-row = { $label } { $cost }, { $top }
chart-sweep-desc = { $n ->
    [one] { $n } point
   *[other] { $n } points
} of { $metrics }; { $without ->
    [0] every point has a plan.
    [one] { $without } point has no plan.
   *[other] { $without } points have no plan.
}
chart-alternatives-desc = Ranges of { $n } shares near the optimum; the widest is { $value }, from { $min } to { $max }.
chart-stress-desc = { $n } cut-offs. The worst, { $event }, leaves { $unserved } of all demand and { $critical } of critical demand unserved; { $rerouted } are fully re-routed.
chart-mc-desc = { $basis }: expected unserved critical demand { $expected }; probability that any critical demand goes unserved { $p }; CVaR95 { $cvar }.
chart-pathway-title = Provider shares year by year — { $scenario }
chart-pathway-subtitle = From today's split, at most { $change } of each workload moves each year; domestic providers left of the black mark.
chart-sweep-title = Sweep of { $axes }
chart-sweep-subtitle = Each point is a full solve; × marks a point with no feasible plan.
chart-frontier-title = Frontier: { $y } against { $x } — { $scenario }
chart-frontier-note = Line: the best y for each bound on x (a cap; a floor for the home share), by epsilon-constraint. Diamonds: the base plan and each variant.
chart-frontier-desc = { $n ->
    [one] { $n } point
   *[other] { $n } points
}, from { $from } to { $to }.
chart-alternatives-title = Near-optimal { $dim } shares — { $scenario }
chart-alternatives-subtitle = Range of each share while { $stage } stays within { $slack } of its optimum ({ $optimum }); dot: the optimal plan.
chart-stress-title = Unserved demand after each cut-off — { $scenario }
chart-stress-subtitle = Fraction of each workload's demand unserved after re-routing (critical workloads marked *).
chart-stress-rerouted = lost, fully re-routed
chart-stress-partly = partly unserved
chart-stress-all = all unserved
chart-mc-title = Independent outages: unserved critical demand — { $scenario }
chart-mc-subtitle = { $basis }: expected { $expected }, P(any critical unserved) { $p }, CVaR95 { $cvar }.
chart-mc-none = { $share } none
chart-mc-axis = unserved fraction of critical demand (bar: probability)
wrote-files = wrote { $n ->
    [one] { $n } file
   *[other] { $n } files
} to { $dir }

## A plan's cost against another's, part by part.
cost-change = { $plan } costs { $amount } { $way ->
    [more] more
   *[less] less
  } than { $reference }: { $parts }.
cost-change-same = { $plan } costs the same as { $reference }.
cost-part-usage = { $amount } { $way ->
    [more] dearer prices
   *[less] saved on prices
  }
cost-part-discounts = { $amount } { $way ->
    [more] in discounts given up
   *[less] more in discounts
  }{ $listed ->
    [yes] {" "}({ $levels })
   *[no] {""}
  }
cost-part-contracts = { $amount } { $way ->
    [more] for
   *[less] saved on
  } { $n ->
    [0] other contracts
    [one] 1 { $held ->
        [more] more
       *[less] fewer
      } contract
   *[other] { $n } { $held ->
        [more] more
       *[less] fewer
      } contracts
  }
cost-part-exit = { $amount } { $way ->
    [more] more exit costs
   *[less] less exit cost
  }
level-change = { $provider } { $from } → { $to }
level-none = none

## The answer a plan's summary and report open with (report/headline.rs answer)
answer-held = { $share } ({ $who })
answer-falls = falls from { $from } to { $to }
answer-rises = rises from { $from } to { $to }
answer-stays = stays at { $to }
answer-today = From today's split to the plan, the largest provider share { $share }, and the home ({ $home }) share { $home_change }.
answer-plan = In the plan the largest provider share is { $share } and the home ({ $home }) share { $home_share }.
answer-cost-budget = It costs { $cost }, { $share } of the { $budget } budget.
answer-cost = It costs { $cost }.
answer-over-cheapest = That is { $over } ({ $percent }) more than the cheapest plan within the same rules.
answer-is-cheapest = It is the cheapest plan within the rules.
answer-worst = The worst single cut-off, { $event }, leaves { $share } of critical demand unserved after re-routing.
answer-worst-all = The worst single cut-off, { $event }, leaves { $share } of demand unserved after re-routing.
answer-holds = What holds the plan most: { $rule }, in the { $stage } stage.

## compare's answer (report/compare.rs compare_answer)
compare-answer-cheapest = Cheapest: { $who } ({ $value }).
compare-answer-home = Highest home share: { $who } ({ $value }).
compare-answer-largest = Smallest largest provider share: { $who } ({ $value }).
compare-answer-worst = Smallest worst single cut-off: { $who } ({ $value }).
compare-answer-no-plan = No plan meets every rule in { $who }.

## stress's answer (report/stress.rs stress_answer)
stress-answer-worst = The worst single cut-off is { $event }: it leaves { $critical } of critical demand ({ $all } of all demand) unserved after re-routing; { $hurt } of { $events } cut-offs leave some critical demand unserved.
stress-answer-mc = With each provider's and country's outage probability, { $p_critical } of { $samples } samples leave some critical demand unserved; { $expected_critical } of critical demand is unserved on average, { $cvar_critical } in the worst 5% (CVaR 95%).
stress-answer-mc-exact = With each provider's and country's outage probability, some critical demand goes unserved with probability { $p_critical } (exact, over every failure set); { $expected_critical } of critical demand is unserved on average, { $cvar_critical } in the worst 5% (CVaR 95%).

## The workbook (report/xlsx.rs): sheet names and column headers.
xlsx-sheet = { $name ->
    [answer] Answer
    [allocation] Allocation
    [shares] Shares
    [limits] Limits
    [binding] What holds the plan
    [stress] Cut-offs
    [stress-workloads] Cut-offs by workload
    [montecarlo] Monte Carlo
    [compare] Compare
    [compare-wide] Compare (wide)
    [changes] Changes
    [sweep] Sweep
    [frontier] Frontier
    [tradeoff] Tradeoff
    [alternatives] Near-optimal ranges
    [pathway] Pathway
    [pathway_allocation] Pathway allocation
    [investment] Investment
   *[other] { $name }
}
xlsx-header = { $key }

## Objective stages as people read them (report/headline.rs stage_name).
stage-max-share = largest { $dim } share
stage-name = { $stage ->
    [home_share] home share
    [cost] total cost
    [worst_cutoff] worst single cut-off
    [total_cost] total cost
    [mean_sovereignty] mean sovereignty level
    [moved] moved from today's split
    [exit_cost] exit cost
    [cost_change] cost change
    [cost_change_fraction] cost change (%)
    [contracts] contracts
    [worst_cutoff_event] the worst single cut-off
   *[other] { $stage }
}
objective-name = { $objective }
limits-each = { $bound } each ({ $id })
answer-unavoidable = Whatever the split, every provider depends on the same { $dim }, { $value }: cut off, it leaves all demand unserved, and no allocation lowers that dependence.
card-max-share-provider-company = Max provider and company share
chart-budget-line = budget { $budget }
tradeoff-limit-line = { $id }: at most { $bound }
tradeoff-cost-binds = Total cost of each point: the budget binds from point { $k } (home share { $home }) on.
tradeoff-cost-free = Total cost of each point: the budget binds at none of them.
stage-effective-number = effective number of { $dim }s
row-in-oku = { $name } (100 million yen)
share-held = { $share }: { $who }
stage-hhi = { $dim } HHI
stage-holder = holder of the largest { $dim } share
xlsx-rows-cut = The sheet { $sheet } holds the first { $shown } of { $total } rows, as many as Excel allows; { $file } has them all.
chart-row-cap = max { $cap }
chart-pathway-limits = Triangle: that year's floor on the home share; at right: its cap on every provider's share.
frontier-answer-range = From point 1 to point { $n }, { $x } goes from { $x_from } to { $x_to } and { $y } from { $y_from } to { $y_to }.
frontier-answer-bend = The curve bends at point { $k } ({ $x } { $x_at }): from there each { $step } of { $x } moves { $y } by { $after }, against { $before } before it.
frontier-answer-straight = The curve is nearly straight: each { $step } of { $x } moves { $y } by about { $rate }.
frontier-answer-why = At that point { $rules } { $n ->
    [one] reaches its bound
   *[other] reach their bounds
}.
frontier-step-point = percentage point
frontier-step-percent = 1%
span = { $from }–{ $to }
sweep-answer-change = : the smallest change that gives one is { $rule } to { $value }
sweep-answer-none = There is no plan at { $path } = { $values }{ $change }.
sweep-answer-none-count = { $n } of { $total } points have no plan{ $change }.
sweep-answer-room = { $path } has room at every point with a plan, so it does not change the plan: { $metric } { $value }.
sweep-answer-bound = { $path } is at its bound at every point with a plan, so it sets the plan throughout: { $metric } { $value }.
sweep-answer-bends = The curve bends where { $path } leaves its bound: it is at its bound at { $bound } ({ $metric } { $at_bound }) and has room at { $room }, where it no longer changes the plan ({ $metric } { $with_room }).
sweep-answer-flat = { $metric } is the same at every point with a plan: { $value }.
sweep-answer-range = { $metric } goes from { $lo } ({ $lo_at }) to { $hi } ({ $hi_at }).
sweep-answer-bend = The curve bends at { $at }: { $flat ->
    [yes] flat before it, { $metric } moves from there on.
   *[other] { $metric } moves { $ratio } times as fast from there on.
}
brief-shares = Shares: largest provider { $share } ({ $who }), home ({ $home }) { $home_share }.
brief-tied = { $n } tied
brief-cost = Cost: { $cost }{ $budget }{ $cheapest }.
brief-budget = , { $share } of the budget
brief-over = , { $percent } over the cheapest plan
brief-cheapest = , the cheapest plan
brief-risk = Worst cut-off: { $event }, { $share } of { $critical ->
    [yes] critical demand
   *[no] demand
} unserved{ $unavoidable }.
brief-unavoidable = ; all on { $value }
brief-moved = { $from } → { $to }
override-from-variant = variant { $variant }
override-from-preset = preset { $preset }
override-source = ({ $source })
