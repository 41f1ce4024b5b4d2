{#- Every activity with the unified profile it belongs to, and why.

    1. 'identifier': the record carries an identifier that belongs to a profile; the one of
       highest priority (anchor_priority, then type and value) decides.
    2. Otherwise the record carries only shared identifiers (a device or cookie used by several
       known people). Its highest-priority shared identifier decides by time: the activity
       belongs to the person last identified on that identifier at or before it
       ('shared identifier: last identified'); before the first identification, to the first
       person identified on it ('shared identifier: first identified'). An identification is any
       record carrying the shared identifier together with an identifier of a profile. -#}
with int_activities_unioned as (
    select * from {{ ref('int_activities_unioned') }}
),

int_identifiers_normalized as (
    select * from {{ ref('int_identifiers_normalized') }}
    where is_accepted
),

int_identities_resolved as (
    select * from {{ ref('int_identities_resolved') }}
),

occurrences as (
    -- one order per activity: its identifiers of a profile first (false sorts before true),
    -- then its shared ones, each by priority. Its first row is its best identifier of a
    -- profile when it has one, else its best shared identifier.
    {%- set activity_order %}
        partition by int_identifiers_normalized.activity_id
        order by
            int_identities_resolved.is_shared,
            int_identities_resolved.anchor_priority,
            int_identities_resolved.identifier_type,
            int_identities_resolved.identifier_value
    {%- endset %}
    select
        int_identifiers_normalized.activity_id,
        int_identifiers_normalized.occurred_at,
        int_identities_resolved.identifier_id,
        int_identities_resolved.identifier_type,
        int_identities_resolved.identifier_value,
        int_identities_resolved.customer_id,
        int_identities_resolved.is_shared,
        row_number() over ({{ activity_order }}) as priority_rank,
        first_value(int_identities_resolved.is_shared) over (
            {{ activity_order }}
            rows between unbounded preceding and current row
        ) as has_only_shared,
        first_value(int_identities_resolved.customer_id) over (
            {{ activity_order }}
            rows between unbounded preceding and current row
        ) as direct_customer_id
    from int_identifiers_normalized
    inner join int_identities_resolved
        on int_identifiers_normalized.identifier_id = int_identities_resolved.identifier_id
),

direct as (
    select
        activity_id,
        identifier_type,
        identifier_value,
        customer_id
    from occurrences
    where not is_shared and priority_rank = 1
),

shared_only as (
    -- activities with no identifier of a profile: their best shared identifier
    select
        activity_id,
        occurred_at,
        identifier_id,
        identifier_type,
        identifier_value
    from occurrences
    where is_shared and priority_rank = 1
),

identifications as (
    -- records that tie a shared identifier to a profile at a point in time: the profile of the
    -- record's best identifier of a profile (its first row, as in direct)
    select
        identifier_id,
        occurred_at,
        activity_id,
        direct_customer_id as customer_id
    from occurrences
    where is_shared and not has_only_shared
),

timeline as (
    select
        identifier_id,
        occurred_at,
        activity_id,
        customer_id,
        0 as event_order
    from identifications

    union all

    select
        identifier_id,
        occurred_at,
        activity_id,
        cast(null as {{ dbt.type_string() }}) as customer_id,
        1 as event_order
    from shared_only
),

time_split as (
    select
        identifier_id,
        activity_id,
        event_order,
        {{ last_value_ignore_nulls('customer_id') }} over (
            partition by identifier_id
            order by occurred_at, event_order, activity_id
            rows between unbounded preceding and current row
        ) as last_identified_customer_id,
        first_value(customer_id) over (
            partition by identifier_id
            order by event_order, occurred_at, activity_id
            rows between unbounded preceding and unbounded following
        ) as first_identified_customer_id
    from timeline
),

shared_attributed as (
    select
        shared_only.activity_id,
        shared_only.identifier_type,
        shared_only.identifier_value,
        coalesce(
            time_split.last_identified_customer_id, time_split.first_identified_customer_id
        ) as customer_id,
        case
            when time_split.last_identified_customer_id is not null
                then 'shared identifier: last identified'
            else 'shared identifier: first identified'
        end as attribution_rule
    from shared_only
    inner join time_split
        on
            shared_only.identifier_id = time_split.identifier_id
            and shared_only.activity_id = time_split.activity_id
            and time_split.event_order = 1
),

attributions as (
    select
        activity_id,
        identifier_type,
        identifier_value,
        customer_id,
        'identifier' as attribution_rule
    from direct

    union all

    select
        activity_id,
        identifier_type,
        identifier_value,
        customer_id,
        attribution_rule
    from shared_attributed
),

final as (
    select
        int_activities_unioned.*,
        attributions.identifier_type as attributed_identifier_type,
        attributions.identifier_value as attributed_identifier_value,
        attributions.attribution_rule,
        attributions.customer_id
    from int_activities_unioned
    inner join attributions
        on int_activities_unioned.activity_id = attributions.activity_id
)

select * from final  -- noqa: AM04
