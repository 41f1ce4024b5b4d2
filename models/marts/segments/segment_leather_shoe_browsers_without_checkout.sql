{#- Profiles that viewed at least one product in var('leather_shoes_category') and never
    started a checkout nor placed an order (not even one later cancelled or refunded).
    Qualified at their first such product view. -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

leather_shoe_views as (
    select
        customer_id,
        min(occurred_at) as first_viewed_at
    from fct_activities
    where
        activity_type = 'product_view'
        and lower(product_category) = lower({{ sql_string(var('leather_shoes_category')) }})
    group by customer_id
),

checkouts as (
    select distinct customer_id
    from fct_activities
    where activity_type in ('checkout_started', 'order_placed', 'order_cancelled')
),

final as (
    select
        leather_shoe_views.customer_id,
        leather_shoe_views.first_viewed_at as qualified_at
    from leather_shoe_views
    left join checkouts
        on leather_shoe_views.customer_id = checkouts.customer_id
    where checkouts.customer_id is null
)

select * from final
