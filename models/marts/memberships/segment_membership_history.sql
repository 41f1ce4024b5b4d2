{{ config(
    materialized='incremental',
    incremental_strategy=full_rewrite_strategy(),
    unique_key='membership_spell_id',
    full_refresh=false,
    on_schema_change='fail',
    pre_hook="{{ save_previous_state(this) }}",
    post_hook=["{{ delete_erased_rows(this, 'customer_id') }}", "{{ drop_previous_state(this) }}"],
) }}

{#- Segment membership history kept across builds: one row per spell of a profile in a
    segment. A first spell is entered when the data first met the segment's rule
    (qualified_at), so the first build of any data gives the same history; a spell ends at the
    start of the first build that no longer sees the membership, and a re-entry after an exit
    starts at the start of the build that sees it again (state, not a pure function of the data;
    full_refresh is off so `dbt build --full-refresh` keeps it).

    Merges: before comparing, every spell's profile is mapped through customer_id_history to
    the profile it belongs to now, so a merge never makes a profile leave and re-enter a segment
    it was in: the open spell carries on with its entered_at. When both merged profiles were in
    the segment, the earlier spell carries on (on a tie the surviving profile's own) and the
    other is closed as merged. Every build
    rewrites all spells (delete+insert on membership_spell_id; on Spark an overwrite, see
    macros/config/previous_state.sql), which keeps the logic simple and the table small (one
    row per spell). -#}
-- depends_on: {{ ref('int_erased_identifiers') }}
with int_segment_members_unioned as (
    select * from {{ ref('int_segment_members_unioned') }}
),

customer_id_history as (
    select * from {{ ref('customer_id_history') }}
),

build as (
    select
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
            as built_at
),

previous_spells as (
    {% if is_incremental() %}
        select * from {{ previous_state(this) }}
    {% else %}
        select
            cast(null as {{ dbt.type_string() }}) as membership_spell_id,
            cast(null as {{ dbt.type_string() }}) as customer_id,
            cast(null as {{ dbt.type_string() }}) as segment_name,
            cast(null as {{ dbt.type_string() }}) as exit_reason,
            cast(null as {{ dbt.type_string() }}) as merged_into_customer_id,
            cast(null as boolean) as is_current,
            cast(null as {{ dbt.type_timestamp() }}) as entered_at,
            cast(null as {{ dbt.type_timestamp() }}) as exited_at
        where 1 = 0
    {% endif %}
),

open_spells as (
    -- open spells, their profile mapped to the one it belongs to now
    select
        previous_spells.membership_spell_id,
        previous_spells.customer_id as recorded_customer_id,
        coalesce(customer_id_history.current_customer_id, previous_spells.customer_id)
            as customer_id,
        previous_spells.segment_name,
        previous_spells.entered_at,
        row_number() over (
            partition by
                coalesce(customer_id_history.current_customer_id, previous_spells.customer_id),
                previous_spells.segment_name
            order by
                previous_spells.entered_at,
                -- on a tie, the surviving profile's own spell goes on
                case when customer_id_history.current_customer_id is null then 0 else 1 end,
                previous_spells.membership_spell_id
        ) as spell_rank
    from previous_spells
    left join customer_id_history
        on previous_spells.customer_id = customer_id_history.previous_customer_id
    where previous_spells.exited_at is null
),

continued as (
    -- the earliest open spell of each (profile, segment) carries on or ends
    select
        open_spells.membership_spell_id,
        open_spells.customer_id,
        open_spells.segment_name,
        case when int_segment_members_unioned.customer_id is null then 'left segment' end
            as exit_reason,
        cast(null as {{ dbt.type_string() }}) as merged_into_customer_id,
        open_spells.entered_at,
        case when int_segment_members_unioned.customer_id is null then build.built_at end
            as exited_at
    from open_spells
    cross join build
    left join int_segment_members_unioned
        on
            open_spells.customer_id = int_segment_members_unioned.customer_id
            and open_spells.segment_name = int_segment_members_unioned.segment_name
    where open_spells.spell_rank = 1
),

merged_away as (
    -- a later open spell of the same (profile, segment) after a merge: closed as merged
    select
        open_spells.membership_spell_id,
        open_spells.recorded_customer_id as customer_id,
        open_spells.segment_name,
        'merged' as exit_reason,
        open_spells.customer_id as merged_into_customer_id,
        open_spells.entered_at,
        build.built_at as exited_at
    from open_spells
    cross join build
    where open_spells.spell_rank > 1
),

earlier_exits as (
    select
        customer_id,
        segment_name,
        max(exited_at) as last_exited_at
    from previous_spells
    where exited_at is not null
    group by customer_id, segment_name
),

entered_now as (
    -- a first spell starts when the data first met the rule; a re-entry when it was seen
    select
        int_segment_members_unioned.customer_id,
        int_segment_members_unioned.segment_name,
        case
            when earlier_exits.last_exited_at is null
                then int_segment_members_unioned.qualified_at
            else build.built_at
        end as entered_at
    from int_segment_members_unioned
    cross join build
    left join open_spells
        on
            int_segment_members_unioned.customer_id = open_spells.customer_id
            and int_segment_members_unioned.segment_name = open_spells.segment_name
    left join earlier_exits
        on
            int_segment_members_unioned.customer_id = earlier_exits.customer_id
            and int_segment_members_unioned.segment_name = earlier_exits.segment_name
    where open_spells.membership_spell_id is null
),

entered_ids as (
    select
        customer_id,
        segment_name,
        entered_at,
        {{ dbt.hash(
            "customer_id || ':' || segment_name || ':' || cast(entered_at as "
            ~ dbt.type_string() ~ ")"
        ) }} as spell_key
    from entered_now
),

entered as (
    -- the id of a spell is its profile, segment and entry; when an earlier spell already has
    -- that id (the profile's spell went on under another profile after a merge, and the merge
    -- was undone), the build time is added to it
    select
        case
            when previous_ids.membership_spell_id is null then entered_ids.spell_key
            else {{ dbt.hash(
                "entered_ids.spell_key || ':' || cast(build.built_at as "
                ~ dbt.type_string() ~ ")"
            ) }}
        end as membership_spell_id,
        entered_ids.customer_id,
        entered_ids.segment_name,
        cast(null as {{ dbt.type_string() }}) as exit_reason,
        cast(null as {{ dbt.type_string() }}) as merged_into_customer_id,
        entered_ids.entered_at,
        cast(null as {{ dbt.type_timestamp() }}) as exited_at
    from entered_ids
    cross join build
    left join previous_spells as previous_ids
        on entered_ids.spell_key = previous_ids.membership_spell_id
),

closed_before as (
    select
        membership_spell_id,
        customer_id,
        segment_name,
        exit_reason,
        merged_into_customer_id,
        entered_at,
        exited_at
    from previous_spells
    where exited_at is not null
),

all_spells as (
    {% for part in ['continued', 'merged_away', 'entered', 'closed_before'] %}
        select
            membership_spell_id,
            customer_id,
            segment_name,
            exit_reason,
            merged_into_customer_id,
            entered_at,
            exited_at
        from {{ part }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        -- ids
        cast(membership_spell_id as {{ dbt.type_string() }}) as membership_spell_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        -- strings
        cast(segment_name as {{ dbt.type_string() }}) as segment_name,
        cast(exit_reason as {{ dbt.type_string() }}) as exit_reason,
        cast(merged_into_customer_id as {{ dbt.type_string() }}) as merged_into_customer_id,
        -- booleans
        cast(exited_at is null as boolean) as is_current,
        -- timestamps
        cast(entered_at as {{ dbt.type_timestamp() }}) as entered_at,
        cast(exited_at as {{ dbt.type_timestamp() }}) as exited_at
    from all_spells
)

select * from final
