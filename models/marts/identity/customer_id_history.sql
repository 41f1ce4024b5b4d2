{#- Merge lineage: every customer_id an earlier build produced that is no longer a profile, with
    the profile it now belongs to (as Customer Insights' PreviousCustomerId or Unomi's aliases).
    The current profile of an absorbed id is the current profile of that id's anchor
    identifier; if the anchor itself is gone, the current profile holding most of its other
    identifiers (ties: the smallest id). Looking up an old id here finds the current profile. -#}
with identity_key_history as (
    select * from {{ ref('identity_key_history') }}
),

dim_customer_keys as (
    select * from {{ ref('dim_customer_keys') }}
),

dim_customers as (
    select * from {{ ref('dim_customers') }}
),

absorbed_ids as (
    select
        identity_key_history.customer_id as previous_customer_id,
        min(identity_key_history.first_built_at) as first_built_at
    from identity_key_history
    left join dim_customers
        on identity_key_history.customer_id = dim_customers.customer_id
    where dim_customers.customer_id is null
    group by identity_key_history.customer_id
),

successors as (
    -- where the identifiers of an absorbed id are now
    select
        absorbed_ids.previous_customer_id,
        dim_customer_keys.customer_id as current_customer_id,
        max(case when identity_key_history.was_anchor then 1 else 0 end) as holds_anchor,
        count(*) as identifier_count
    from absorbed_ids
    inner join identity_key_history
        on absorbed_ids.previous_customer_id = identity_key_history.customer_id
    inner join dim_customer_keys
        on identity_key_history.identifier_id = dim_customer_keys.identifier_id
    group by absorbed_ids.previous_customer_id, dim_customer_keys.customer_id
),

ranked as (
    select
        *,
        row_number() over (
            partition by previous_customer_id
            order by holds_anchor desc, identifier_count desc, current_customer_id asc
        ) as successor_rank
    from successors
),

absorption_times as (
    -- the first build in which the anchor identifier appeared under its current profile
    select
        ranked.previous_customer_id,
        min(identity_key_history.first_built_at) as absorbed_at
    from ranked
    inner join identity_key_history
        on ranked.current_customer_id = identity_key_history.customer_id
    inner join identity_key_history as previous_keys
        on
            identity_key_history.identifier_id = previous_keys.identifier_id
            and ranked.previous_customer_id = previous_keys.customer_id
    where ranked.successor_rank = 1
    group by ranked.previous_customer_id
),

final as (
    select
        -- ids
        cast(ranked.previous_customer_id as {{ dbt.type_string() }}) as previous_customer_id,
        cast(ranked.current_customer_id as {{ dbt.type_string() }}) as current_customer_id,
        -- numerics
        cast(ranked.identifier_count as bigint) as moved_identifier_count,
        -- timestamps
        cast(absorbed_ids.first_built_at as {{ dbt.type_timestamp() }}) as first_built_at,
        cast(absorption_times.absorbed_at as {{ dbt.type_timestamp() }}) as absorbed_at
    from ranked
    inner join absorbed_ids
        on ranked.previous_customer_id = absorbed_ids.previous_customer_id
    left join absorption_times
        on ranked.previous_customer_id = absorption_times.previous_customer_id
    where
        ranked.successor_rank = 1
        and not {{ is_erased_customer('ranked.previous_customer_id') }}
        and not {{ is_erased_customer('ranked.current_customer_id') }}
)

select * from final
